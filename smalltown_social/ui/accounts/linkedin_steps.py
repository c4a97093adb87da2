"""The wizard's steps for a LinkedIn page: what LinkedIn requires, said plainly first.

LinkedIn opens its page-posting API (Community Management API) only to
developer apps it has vetted. A town hall will rarely have one; the usual
way is a token prepared by whoever holds such an app (a county office),
valid for 60 days. The clerk reads that before any step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from smalltown_social.ui.system_words import password_store


class LinkedInSteps(QObject):
    """Texts only; a QObject so that `tr()` finds them in the translation files."""

    def instructions(self) -> tuple[list[str], str]:
        return [
            self.tr(
                "<b>Lo que pide LinkedIn.</b> Para publicar en la página del ayuntamiento hace "
                "falta una aplicación de desarrollador que LinkedIn haya aprobado para la "
                "«Community Management API». La aprobación la da LinkedIn tras revisar a la "
                "organización que la pide y puede tardar semanas; un ayuntamiento pequeño no "
                "suele tenerla. Lo habitual es que quien ya la tiene (por ejemplo, la "
                "diputación) le prepare una clave. Usarla es gratis."
            ),
            self.tr(
                "La clave <b>caduca a los 60 días</b>. La aplicación avisa en Cuentas dos semanas "
                "antes; entonces pida otra y vuelva a conectar la cuenta (lo publicado y lo "
                "programado se conservan)."
            ),
            self.tr(
                "Quien prepara la clave debe ser <b>administrador de la página</b> en LinkedIn y "
                "generarla en el <b>Token Generator</b> del portal de desarrolladores de "
                "LinkedIn con los permisos <b>w_organization_social</b> y "
                "<b>r_organization_social</b>."
            ),
            self.tr(
                "Escriba abajo el <b>número de la página</b>: está en la dirección de la vista "
                "de administración, linkedin.com/company/<b>2414183</b>/admin."
            ),
            self.tr(
                "Pegue la clave y pulse <b>Comprobar y guardar</b>: la aplicación pregunta a "
                "LinkedIn por la página (no publica nada). La clave se guarda solo en {store}."
            ).format(store=password_store()),
        ], self.tr("Clave de acceso (token):")

    def id_label(self) -> str:
        return self.tr("Número de la página:")

    def missing_id(self) -> str:
        return self.tr("Escriba el número de la página de LinkedIn.")
