"""Render the composer with a realistic draft to PNG (also run in a child at 150 %).

Run directly: python -m tests.ui.composer.shots DATA_DIR OUT_DIR LANG SUFFIX
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.i18n import Language
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.tasks import TaskRunner

DRAFTS: dict[Language, str] = {
    "es": (
        "El Ayuntamiento informa que con el objeto de celebrar las fiestas se procederá al "
        "corte de la calle Mayor el sábado 12 de 18 a 23 h. Habrá música en la plaza de la "
        "Iglesia y actividades para los niños. Si tiene dudas llame al 012 o escriba a "
        "maria.lopez@gmail.com 🎉🎉 #fiestasmayores #valdelomar #verano"
    ),
    "en": (
        "El Ayuntamiento informa que a fin de celebrar las fiestas se procederá al corte de "
        "la calle Mayor el sábado 12 de 18 a 23 h. Música en la plaza de la Iglesia. "
        "Dudas: 012 #fiestasmayores"
    ),
}


def wait(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    app = QApplication.instance()
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        if app is not None:
            app.processEvents()
    assert condition()


def shoot(services: Services, folder: Path, language: Language, suffix: str = "") -> Path:
    if not services.accounts.all():
        services.accounts.add(Network.BLUESKY, "Ayto. Valdelomar")
        services.accounts.add(Network.MASTODON, "Valdelomar", server_url="https://m.example")
        services.accounts.add(Network.TELEGRAM, "Canal Valdelomar")
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    photo = folder / "cartel-fiestas.png"
    image.save(str(photo))
    tasks = TaskRunner()
    page = ComposerPage(services.composer_services, tasks)
    page.resize(960, 720)  # the page area of the main window at its default size
    page.show()
    page.template.set_type("event")
    page.editor.setPlainText(DRAFTS[language])
    page.schedule.choose({a.id for a in services.accounts.all()[:2]})
    page.images.add_image(str(photo))
    page.images.rows[0].alt.setText("Cartel de las fiestas con el programa del sábado")
    wait(page.images.all_checked)
    page.run_guidance()
    wait(lambda: not page.guidance_timer.isActive())
    page.run_guidance()
    page.previews.show_bodies()
    for _ in range(3):  # let the cards lay out their new text
        QApplication.processEvents()
    page.autosave_timer.stop()
    wait(lambda: page.writes.idle)
    path = folder / f"composer_{language}{suffix}.png"
    assert page.grab().save(str(path))
    page.close()
    tasks.wait()
    return path


def main() -> None:
    from smalltown_social.ui.style import style_sheet
    from smalltown_social.ui.translations import install_translators
    from tests.ui.conftest import make_services

    data, out, language, suffix = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    app = QApplication([])
    app.setStyleSheet(style_sheet(app.palette()))
    lang: Language = "en" if language == "en" else "es"
    keep = install_translators(app, lang)
    services = make_services(data, language=lang)
    shoot(services, out, lang, suffix)
    services.close()
    del keep


if __name__ == "__main__":
    main()
