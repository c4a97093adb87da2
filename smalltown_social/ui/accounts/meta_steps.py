"""The wizard's steps for a Facebook Page and an Instagram account (Meta's Graph API).

Two ways in, on one page: the numbered steps for a clerk who creates the key
alone (a free Meta app of the town hall's own, the Graph API Explorer, a Page
key that does not expire), and, for a county IT office (Diputación) that
prepares keys for many towns, the same two fields to paste what it sent.
The project ships no secret of its own: every key is the town hall's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from smalltown_social.core.accounts import Network

FACEBOOK_PERMISSIONS = (
    "pages_show_list, pages_manage_posts, pages_read_engagement, pages_manage_engagement, "
    "pages_read_user_engagement, read_insights"
)
INSTAGRAM_PERMISSIONS = (
    "instagram_basic, instagram_content_publish, instagram_manage_comments, "
    "instagram_manage_insights, pages_show_list, pages_read_engagement, pages_manage_posts"
)


class MetaSteps(QObject):
    """Texts only; a QObject so that `tr()` finds them in the translation files."""

    def instructions(self, network: Network) -> tuple[list[str], str]:
        instagram = network == Network.INSTAGRAM
        permissions = INSTAGRAM_PERMISSIONS if instagram else FACEBOOK_PERMISSIONS
        steps = [
            self.tr(
                "<b>¿Le ha enviado la Diputación una clave ya preparada?</b> Salte estos pasos: "
                "escriba abajo el identificador y pegue la clave."
            ),
            self.tr(
                "Entre en <b>developers.facebook.com</b> con la cuenta de Facebook de la persona "
                "que administra la página del ayuntamiento. Pulse <b>Empezar</b> y regístrese "
                "como desarrollador (es gratis)."
            ),
            self.tr(
                "Pulse <b>Mis apps</b> → <b>Crear app</b>. Como caso de uso elija <b>Otro</b>, "
                "como tipo <b>Empresa</b>, y como nombre «smalltown_social» y el de su pueblo. "
                "No hace falta enviarla a revisión: la usa solo quien tiene un rol en ella."
            ),
            self.tr(
                "Abra <b>Herramientas</b> → <b>Explorador de la API Graph</b>. A la derecha, en "
                "<b>App de Meta</b>, elija la app que acaba de crear."
            ),
            self.tr(
                "En <b>Permisos</b> añada uno a uno: <b>%1</b>. Pulse <b>Generate Access "
                "Token</b>, acepte y, cuando Facebook lo pregunte, marque la página del "
                "ayuntamiento."
            ).replace("%1", permissions),
            self.tr(
                "Pulse el icono <b>i</b> junto al token → <b>Abrir en la herramienta de token de "
                "acceso</b>. Abajo, pulse <b>Ampliar token de acceso</b> y copie el token nuevo "
                "(dura 60 días)."
            ),
        ]
        if instagram:
            steps += [
                self.tr(
                    "Vuelva al Explorador, pegue ese token en <b>Token de acceso</b>, escriba en "
                    "la consulta <b>me/accounts?fields=name,access_token,"
                    "instagram_business_account</b> y pulse <b>Enviar</b>."
                ),
                self.tr(
                    "En la respuesta, busque su página: copie el número de "
                    "<b>instagram_business_account</b> → <b>id</b> en «Cuenta de Instagram» y "
                    "el texto de <b>access_token</b> en «Clave de la página». Si no aparece "
                    "instagram_business_account, la cuenta de Instagram no es profesional o no "
                    "está vinculada a la página (Instagram → Configuración → Cuenta → Cambiar a "
                    "cuenta profesional, y vincúlela a la página)."
                ),
            ]
        else:
            steps += [
                self.tr(
                    "Vuelva al Explorador, pegue ese token en <b>Token de acceso</b>, escriba en "
                    "la consulta <b>me/accounts</b> y pulse <b>Enviar</b>."
                ),
                self.tr(
                    "En la respuesta, busque su página: copie su <b>id</b> en «Página» y el texto "
                    "de <b>access_token</b> en «Clave de la página». Esa clave de página no "
                    "caduca mientras la persona siga administrando la página y no cambie su "
                    "contraseña."
                ),
            ]
        steps.append(
            self.tr(
                "Pulse <b>Comprobar y guardar</b>. La aplicación pregunta a Meta qué permisos "
                "tiene la clave y de qué página es, y le dice en español lo que falte. Los "
                "mensajes privados (Messenger, Instagram Direct) no se leen: Meta exige para "
                "ellos una revisión avanzada."
            )
        )
        return steps, self.tr("Clave de la página:")

    def id_label(self, network: Network) -> str:
        if network == Network.INSTAGRAM:
            return self.tr("Cuenta de Instagram (id):")
        return self.tr("Página (id):")

    def missing_id(self, network: Network) -> str:
        if network == Network.INSTAGRAM:
            return self.tr("Escriba el identificador de la cuenta de Instagram.")
        return self.tr("Escriba el identificador de la página de Facebook.")
