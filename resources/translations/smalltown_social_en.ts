<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/agenda_view.py" line="69"/>
        <source>sin publicaciones</source>
        <translation>no posts</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/agenda_view.py" line="144"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
</context>
<context>
    <name>AutostartAction</name>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="204"/>
        <source>Iniciar con Windows</source>
        <translation>Start with Windows</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="206"/>
        <source>Iniciar al entrar en la sesión</source>
        <translation>Start when I log in</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="223"/>
        <source>No se pudo cambiar el inicio automático: {e}</source>
        <translation>Could not change starting automatically: {e}</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="149"/>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="151"/>
        <source>Anterior</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="152"/>
        <source>Anterior (Re Pág)</source>
        <translation>Previous (Page Up)</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="155"/>
        <source>Siguiente</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="156"/>
        <source>Siguiente (Av Pág)</source>
        <translation>Next (Page Down)</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="167"/>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="167"/>
        <source>Semana</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="167"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="173"/>
        <source>Exportar .ics…</source>
        <translation>Export .ics…</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="175"/>
        <source>Guarda el calendario para abrirlo en Outlook, Google Calendar o Thunderbird.</source>
        <translation>Saves the calendar to open it in Outlook, Google Calendar or Thunderbird.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="264"/>
        <source>No se pudo leer el calendario: {e}</source>
        <translation>Could not read the calendar: {e}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="281"/>
        <source>No se puede programar en el pasado. Elija una fecha y hora futuras.</source>
        <translation>Cannot schedule in the past. Choose a future date and time.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="288"/>
        <source>Movida a {when}.</source>
        <translation>Moved to {when}.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="296"/>
        <source>No se pudo mover: {e}</source>
        <translation>Could not move it: {e}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="319"/>
        <source>Exportar calendario</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="321"/>
        <source>Calendario (*.ics)</source>
        <translation>Calendar (*.ics)</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="342"/>
        <source>Calendario guardado en {path}</source>
        <translation>Calendar saved to {path}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/page.py" line="345"/>
        <source>No se pudo guardar el calendario: {e}</source>
        <translation>Could not save the calendar: {e}</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../smalltown_social/ui/composer/look.py" line="20"/>
        <source>Impide publicar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/composer/look.py" line="21"/>
        <source>Aviso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/composer/look.py" line="22"/>
        <source>Consejo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryCanvas</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/canvas.py" line="87"/>
        <source>Repetición prevista (se crea al publicarse la anterior)</source>
        <translation>Planned repetition (created when the previous one is published)</translation>
    </message>
</context>
<context>
    <name>GuidedEditor</name>
    <message>
        <location filename="../../smalltown_social/ui/composer/editor.py" line="38"/>
        <source>Texto de la publicación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/composer/editor.py" line="40"/>
        <source>Escriba aquí la publicación: qué pasa, dónde, cuándo y qué hacer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/composer/editor.py" line="45"/>
        <source>Aplicar la sugerencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/composer/editor.py" line="143"/>
        <source>Sugerencia: «{s}» (clic derecho o Ctrl+.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/composer/editor.py" line="157"/>
        <source>Cambiar por «{s}»</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/legend.py" line="32"/>
        <source>día sin publicaciones</source>
        <translation>day without posts</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/legend.py" line="34"/>
        <source>repetición prevista</source>
        <translation>planned repetition</translation>
    </message>
</context>
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
        <location filename="../../smalltown_social/ui/main_window.py" line="88"/>
        <source>Calendario</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="90"/>
        <source>Bandeja de entrada</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="92"/>
        <source>comentarios, menciones, respuestas y mensajes de todas las cuentas en una lista, con búsqueda, etiquetas y respuesta desde la aplicación.</source>
        <translation>comments, mentions, replies and messages from every account in one list, with search, labels and replies from the app.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="97"/>
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="99"/>
        <source>conectar Facebook, Instagram, X, LinkedIn, Mastodon, Bluesky y Telegram paso a paso; las contraseñas se guardan solo en el llavero de Windows.</source>
        <translation>connect Facebook, Instagram, X, LinkedIn, Mastodon, Bluesky and Telegram step by step; passwords are kept only in the Windows keyring.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="104"/>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="142"/>
        <source>Modo demostración: Valdelomar es un municipio ficticio y nada de esto se publica. Abra la aplicación sin --demo para trabajar con sus cuentas.</source>
        <translation>Demo mode: Valdelomar is a fictional town and nothing here is published. Open the app without --demo to work with your accounts.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="178"/>
        <source>Borradores guardados: {n}</source>
        <translation>Saved drafts: {n}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="182"/>
        <source>Nuevos</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="183"/>
        <source>Pendientes</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="184"/>
        <source>Respondidos</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="185"/>
        <source>Archivados</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="195"/>
        <source> (demostración)</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="199"/>
        <source>Todavía no hay cuentas conectadas.</source>
        <translation>No accounts connected yet.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="225"/>
        <source>Sigue funcionando</source>
        <translation>Still running</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/main_window.py" line="227"/>
        <source>La ventana se ha cerrado, pero la aplicación sigue publicando a su hora desde la bandeja del sistema. Para cerrarla del todo, use «Salir».</source>
        <translation>The window is closed, but the app keeps publishing on time from the system tray. To close it completely, use “Quit”.</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/month_view.py" line="30"/>
        <source>Calendario mensual</source>
        <translation>Monthly calendar</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/month_view.py" line="141"/>
        <source>+{n} más</source>
        <translation>+{n} more</translation>
    </message>
</context>
<context>
    <name>PauseSwitch</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/pause.py" line="36"/>
        <source>Reanudar publicaciones</source>
        <translation>Resume publishing</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/pause.py" line="38"/>
        <source>Pausar todas las publicaciones</source>
        <translation>Pause all publishing</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/pause.py" line="41"/>
        <source>Vuelve a publicar lo programado; lo que venció durante la pausa se revisa.</source>
        <translation>Publishes what is scheduled again; what fell due during the pause is checked.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/calendar/pause.py" line="44"/>
        <source>Detiene todas las publicaciones programadas, por ejemplo ante una tragedia.</source>
        <translation>Stops every scheduled post, for example during a tragedy.</translation>
    </message>
</context>
<context>
    <name>PausedBanner</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/pause.py" line="71"/>
        <source>Publicación en pausa: no sale nada, ni lo programado, hasta que pulse «Reanudar publicaciones».</source>
        <translation>Publishing paused: nothing goes out, not even what is scheduled, until you press “Resume publishing”.</translation>
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
    <name>QuitGuard</name>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="172"/>
        <source>Hay publicaciones programadas para la próxima hora ({n}). Si sale ahora, no saldrán hasta que vuelva a abrir la aplicación.

¿Salir de todos modos?</source>
        <translation>There are posts scheduled for the next hour ({n}). If you quit now, they will not go out until you open the application again.

Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="180"/>
        <source>¿Salir?</source>
        <translation>Quit?</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="182"/>
        <source>Salir</source>
        <translation type="unfinished">Quit</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="183"/>
        <source>Seguir publicando</source>
        <translation>Keep publishing</translation>
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
<context>
    <name>TrayNotifier</name>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="97"/>
        <source>Publicada en {where}</source>
        <translation>Published on {where}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="111"/>
        <source>No se pudo publicar en {where}</source>
        <translation>Could not publish on {where}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="112"/>
        <source>Pulse aquí para abrirla.</source>
        <translation>Click here to open it.</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="125"/>
        <source>Sin confirmar en {where}</source>
        <translation>Unconfirmed on {where}</translation>
    </message>
    <message>
        <location filename="../../smalltown_social/ui/background.py" line="126"/>
        <source>No se sabe si salió. Compruébelo en la red antes de repetirla.</source>
        <translation>It is not known whether it went out. Check on the network before repeating it.</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../smalltown_social/ui/calendar/week_view.py" line="33"/>
        <source>Calendario semanal</source>
        <translation>Weekly calendar</translation>
    </message>
</context>
</TS>
