"""The yardstick for the bundle's size: the least a PySide6 QtWidgets program carries."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.show()
if "--quit" in sys.argv:
    sys.exit(0)
sys.exit(app.exec())
