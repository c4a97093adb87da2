<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="56"/>
        <source>smalltown_social · Redes del ayuntamiento</source>
        <translation>smalltown_social · Town hall social networks</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="73"/>
        <source>Secciones</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="80"/>
        <source>Redactar</source>
        <translation>Compose</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="82"/>
        <source>escribir publicaciones con plantillas por tipo de contenido, consejos de tono mientras escribe y vista previa para cada red.</source>
        <translation>write posts with templates for each content type, tone advice while you type and a preview for each network.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="87"/>
        <source>Calendario</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="89"/>
        <source>ver borradores, publicaciones programadas y publicadas por mes y semana; cambiar fechas y pausar todo de una vez.</source>
        <translation>see drafts, scheduled and published posts by month and week; change dates and pause everything at once.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="94"/>
        <source>Bandeja de entrada</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="96"/>
        <source>comentarios, menciones, respuestas y mensajes de todas las cuentas en una lista, con búsqueda, etiquetas y respuesta desde la aplicación.</source>
        <translation>comments, mentions, replies and messages from every account in one list, with search, labels and replies from the app.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="101"/>
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="103"/>
        <source>conectar Facebook, Instagram, X, LinkedIn, Mastodon, Bluesky y Telegram paso a paso; las contraseñas se guardan solo en el llavero de Windows.</source>
        <translation>connect Facebook, Instagram, X, LinkedIn, Mastodon, Bluesky and Telegram step by step; passwords are kept only in the Windows keyring.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="108"/>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="146"/>
        <source>Modo demostración: Valdelomar es un municipio ficticio y nada de esto se publica. Abra la aplicación sin --demo para trabajar con sus cuentas.</source>
        <translation>Demo mode: Valdelomar is a fictional town and nothing here is published. Open the app without --demo to work with your accounts.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="174"/>
        <source>Borradores guardados: {n}</source>
        <translation>Saved drafts: {n}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="177"/>
        <source>{state}: {n}</source>
        <translation>{state}: {n}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="182"/>
        <source>Próximas publicaciones:</source>
        <translation>Upcoming posts:</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="189"/>
        <source>Nuevos</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="190"/>
        <source>Pendientes</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="191"/>
        <source>Respondidos</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="192"/>
        <source>Archivados</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="202"/>
        <source> (demostración)</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="206"/>
        <source>Todavía no hay cuentas conectadas.</source>
        <translation>No accounts connected yet.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="232"/>
        <source>Sigue funcionando</source>
        <translation>Still running</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="234"/>
        <source>La ventana se ha cerrado, pero la aplicación sigue publicando a su hora desde la bandeja del sistema. Para cerrarla del todo, use «Salir».</source>
        <translation>The window is closed, but the app keeps publishing on time from the system tray. To close it completely, use “Quit”.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../smalltown_social/ui/pages/placeholder.py" line="28"/>
        <source>En construcción</source>
        <translation>Under construction</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/pages/placeholder.py" line="32"/>
        <source>Esta sección todavía no está disponible. Llegará en una próxima versión:</source>
        <translation>This section is not available yet. It will arrive in a coming version:</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="60"/>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="64"/>
        <source>Funcionamiento</source>
        <translation>How it works</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="133"/>
        <source>Datos y copias de seguridad</source>
        <translation>Data and backups</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="137"/>
        <source>Carpeta de datos: {base}
Base de datos: {db}
Copias: {backups}
Registro: {logs}</source>
        <translation>Data folder: {base}
Database: {db}
Backups: {backups}
Log: {logs}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="145"/>
        <source>Cada día se guarda una copia automática. Las contraseñas no están en la base de datos: se guardan en el llavero del sistema.</source>
        <translation>An automatic backup is kept every day. Passwords are not in the database: they are kept in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="152"/>
        <source>Hacer una copia ahora</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="154"/>
        <source>Abrir la carpeta de copias</source>
        <translation>Open the backups folder</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="171"/>
        <source>Haciendo la copia…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="182"/>
        <source>Copia guardada en {path}</source>
        <translation>Backup saved to {path}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/settings/page.py" line="188"/>
        <source>No se pudo hacer la copia: {reason}. Compruebe el espacio en disco.</source>
        <translation>The backup could not be made: {reason}. Check the free disk space.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../smalltown_social/ui/status_bar.py" line="41"/>
        <source>Conexión: desconocida</source>
        <translation>Connection: unknown</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/status_bar.py" line="43"/>
        <source>● Con conexión</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/status_bar.py" line="45"/>
        <source>○ Sin conexión: se publicará al volver la conexión</source>
        <translation>○ Offline: posts will go out when the connection returns</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/status_bar.py" line="50"/>
        <source>No hay publicaciones programadas</source>
        <translation>No scheduled posts</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/status_bar.py" line="54"/>
        <source>Próxima publicación: {when} · {account}</source>
        <translation>Next post: {when} · {account}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../smalltown_social/ui/tray.py" line="24"/>
        <source>Abrir la ventana</source>
        <translation>Open the window</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/tray.py" line="25"/>
        <source>Salir</source>
        <translation>Quit</translation>
    </message>
</context>
</TS>
