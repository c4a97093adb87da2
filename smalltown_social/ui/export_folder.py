"""Where the save dialogs of exports start: the user's Documents.

On Windows that is the folder Explorer calls "Documentos" (Qt asks the shell for
FOLDERID_Documents), so when OneDrive backs up Documents (Known Folder Move) it is
"C:\\Users\\José Pérez\\OneDrive - Ayuntamiento\\Documentos": the clerk finds the
report there, and on another PC. That suits a finished PDF or CSV; the data
folder itself stays in %LOCALAPPDATA%, which is neither roamed nor synced
(paths.py, which warns if it is moved into OneDrive). Before this, the calendar
and the results suggested the bare profile folder and the inbox whatever the
program's working folder was (the install folder, from the Start Menu).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def export_folder() -> Path:
    """The user's Documents, or the home folder where there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def suggested(name: str) -> str:
    """`name` in the export folder, as a save dialog's starting point."""
    return str(export_folder() / name)
