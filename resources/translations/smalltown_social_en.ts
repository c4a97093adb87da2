<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>AccountsPage</name>
    <message>
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Las redes en las que publica el ayuntamiento. Las claves de acceso se guardan solo en {store}.</source>
        <translation>The networks the town hall publishes on. Access keys are kept only in {store}.</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Usuario o canal</source>
        <translation>User or channel</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cuentas conectadas</source>
        <translation>Connected accounts</translation>
    </message>
    <message>
        <source>Todavía no hay cuentas. Pulse «Añadir cuenta» para conectar la primera.</source>
        <translation>No accounts yet. Press “Add account” to connect the first one.</translation>
    </message>
    <message>
        <source>Añadir cuenta…</source>
        <translation>Add account…</translation>
    </message>
    <message>
        <source>Quitar cuenta</source>
        <translation>Remove account</translation>
    </message>
    <message>
        <source>Cuenta «%1» conectada.</source>
        <translation>Account “%1” connected.</translation>
    </message>
    <message>
        <source>¿Quitar la cuenta «%1»? La aplicación dejará de publicar en ella y olvidará su clave de acceso. En la red no se borra nada.</source>
        <translation>Remove the account “%1”? The application will stop publishing on it and forget its access key. Nothing is deleted on the network.</translation>
    </message>
    <message>
        <source>Cuenta «%1» quitada.</source>
        <translation>Account “%1” removed.</translation>
    </message>
    <message>
        <source>No se ha podido quitar: {reason}</source>
        <translation>Could not remove it: {reason}</translation>
    </message>
</context>
<context>
    <name>ActionBar</name>
    <message>
        <source>&amp;Borradores…</source>
        <translation>&amp;Drafts…</translation>
    </message>
    <message>
        <source>Todos los borradores guardados: abrir o eliminar</source>
        <translation>Every saved draft: open or delete</translation>
    </message>
    <message>
        <source>Nueva</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Empezar una publicación nueva (Ctrl+N)</source>
        <translation>Start a new post (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Guardar borrador</source>
        <translation>&amp;Save draft</translation>
    </message>
    <message>
        <source>Guardar sin programar (Ctrl+S)</source>
        <translation>Save without scheduling (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Programar</source>
        <translation>Sc&amp;hedule</translation>
    </message>
    <message>
        <source>Programar a la fecha y hora elegidas (Ctrl+Intro)</source>
        <translation>Schedule at the chosen date and time (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Publicar a&amp;hora</source>
        <translation>&amp;Publish now</translation>
    </message>
    <message>
        <source>Publicar en cuanto haya conexión (Ctrl+Mayús+Intro)</source>
        <translation>Publish as soon as there is a connection (Ctrl+Shift+Enter)</translation>
    </message>
</context>
<context>
    <name>ActionsBar</name>
    <message>
        <source>Etiqueta</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Marcar &amp;pendiente</source>
        <translation>Mark &amp;pending</translation>
    </message>
    <message>
        <source>&amp;Archivar</source>
        <translation>&amp;Archive</translation>
    </message>
    <message>
        <source>&amp;Ocultar</source>
        <translation>&amp;Hide</translation>
    </message>
    <message>
        <source>Ocultar un comentario ofensivo (queda registrado quién y cuándo).</source>
        <translation>Hide an offensive comment (who and when is recorded).</translation>
    </message>
    <message>
        <source>Eli&amp;minar</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <source>Eliminar el comentario en la red, si la red lo permite (queda registrado).</source>
        <translation>Delete the comment on the network, where the network allows it (it is recorded).</translation>
    </message>
    <message>
        <source>Poner la etiqueta sugerida</source>
        <translation>Apply the suggested label</translation>
    </message>
    <message>
        <source>Etiqueta sugerida a partir del texto del mensaje</source>
        <translation>Label suggested from the text of the message</translation>
    </message>
    <message>
        <source>Etiqueta:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>(sin etiqueta)</source>
        <translation>(no label)</translation>
    </message>
    <message>
        <source>Nueva etiqueta…</source>
        <translation>New label…</translation>
    </message>
    <message>
        <source>Sugerida: {label}</source>
        <translation>Suggested: {label}</translation>
    </message>
    <message>
        <source>Nueva etiqueta</source>
        <translation>New label</translation>
    </message>
    <message>
        <source>Nombre de la etiqueta:</source>
        <translation>Label name:</translation>
    </message>
    <message>
        <source>Eliminar el mensaje</source>
        <translation>Delete the message</translation>
    </message>
    <message>
        <source>¿Eliminar el mensaje de {author} en {network}? No se puede deshacer; queda anotado quién lo eliminó y cuándo.</source>
        <translation>Delete the message from {author} on {network}? This cannot be undone; who deleted it and when is recorded.</translation>
    </message>
    <message>
        <source>No se pudo completar: {error}</source>
        <translation>Could not complete it: {error}</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>Añadir cuenta</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>&lt; Atrás</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Siguiente &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>¿Qué red quiere conectar?</source>
        <translation>Which network do you want to connect?</translation>
    </message>
    <message>
        <source>Redes sociales</source>
        <translation>Social networks</translation>
    </message>
    <message>
        <source>%1 (todavía no disponible)</source>
        <translation>%1 (not available yet)</translation>
    </message>
    <message>
        <source>%1 (de pago: cada publicación cuesta)</source>
        <translation>%1 (paid: every post costs)</translation>
    </message>
    <message>
        <source>%1 (hace falta una aplicación aprobada por LinkedIn)</source>
        <translation>%1 (needs an app approved by LinkedIn)</translation>
    </message>
    <message>
        <source>Clave de acceso</source>
        <translation>Access key</translation>
    </message>
    <message>
        <source>Servidor:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Canal:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>Clave de acceso:</source>
        <translation>Access key:</translation>
    </message>
    <message>
        <source>Nombre en la aplicación:</source>
        <translation>Name in the application:</translation>
    </message>
    <message>
        <source>Conectar %1</source>
        <translation>Connect %1</translation>
    </message>
    <message>
        <source>p. ej. Ayuntamiento en %1</source>
        <translation>e.g. Town hall on %1</translation>
    </message>
    <message>
        <source>Ayuntamiento en %1</source>
        <translation>Town hall on %1</translation>
    </message>
    <message>
        <source>Abra el navegador y entre en su servidor de Mastodon (por ejemplo &lt;b&gt;mastodon.social&lt;/b&gt;) con el usuario del ayuntamiento.</source>
        <translation>Open the browser and sign in to your Mastodon server (for example &lt;b&gt;mastodon.social&lt;/b&gt;) with the town hall&apos;s user.</translation>
    </message>
    <message>
        <source>Pulse &lt;b&gt;Preferencias&lt;/b&gt; (el engranaje) y, en el menú de la izquierda, &lt;b&gt;Desarrollo&lt;/b&gt;. Pulse &lt;b&gt;Nueva aplicación&lt;/b&gt;.</source>
        <translation>Click &lt;b&gt;Preferences&lt;/b&gt; (the gear) and, in the menu on the left, &lt;b&gt;Development&lt;/b&gt;. Click &lt;b&gt;New application&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>En &lt;b&gt;Nombre de la aplicación&lt;/b&gt; escriba: smalltown_social.</source>
        <translation>In &lt;b&gt;Application name&lt;/b&gt; type: smalltown_social.</translation>
    </message>
    <message>
        <source>Baje hasta el final y pulse &lt;b&gt;Enviar&lt;/b&gt;. Pulse el nombre de la aplicación recién creada y copie el texto de &lt;b&gt;Su token de acceso&lt;/b&gt;.</source>
        <translation>Scroll to the end and click &lt;b&gt;Submit&lt;/b&gt;. Click the name of the application you just created and copy the text of &lt;b&gt;Your access token&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Clave de acceso (token):</source>
        <translation>Access key (token):</translation>
    </message>
    <message>
        <source>Escriba abajo el canal (por ejemplo @ayuntamiento_de_mi_pueblo) y pegue esa clave.</source>
        <translation>Type the channel below (for example @my_town_hall) and paste that key.</translation>
    </message>
    <message>
        <source>Clave del bot (token):</source>
        <translation>Bot key (token):</translation>
    </message>
    <message>
        <source>Entre en &lt;b&gt;bsky.app&lt;/b&gt; (o en la aplicación del móvil) con la cuenta del ayuntamiento.</source>
        <translation>Sign in to &lt;b&gt;bsky.app&lt;/b&gt; (or the phone app) with the town hall&apos;s account.</translation>
    </message>
    <message>
        <source>Necesitará unos minutos y poder entrar en la red con el usuario del ayuntamiento, en el navegador o en el móvil. La clave que consiga se guarda solo en {store}, nunca en un archivo.</source>
        <translation>You will need a few minutes and to be able to sign in to the network with the town hall&apos;s user, in the browser or on the phone. The key you get is kept only in {store}, never in a file.</translation>
    </message>
    <message>
        <source>En &lt;b&gt;Ámbitos&lt;/b&gt; (lo que la aplicación podrá hacer con la cuenta), quite las marcas de «read», «write» y «follow» y marque solo estas: &lt;b&gt;read:accounts&lt;/b&gt;, &lt;b&gt;read:statuses&lt;/b&gt;, &lt;b&gt;read:notifications&lt;/b&gt;, &lt;b&gt;read:conversations&lt;/b&gt;, &lt;b&gt;write:statuses&lt;/b&gt; y &lt;b&gt;write:media&lt;/b&gt;.</source>
        <translation>Under &lt;b&gt;Scopes&lt;/b&gt; (what the application may do with the account), untick “read”, “write” and “follow” and tick only these: &lt;b&gt;read:accounts&lt;/b&gt;, &lt;b&gt;read:statuses&lt;/b&gt;, &lt;b&gt;read:notifications&lt;/b&gt;, &lt;b&gt;read:conversations&lt;/b&gt;, &lt;b&gt;write:statuses&lt;/b&gt; and &lt;b&gt;write:media&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Escriba abajo la dirección de su servidor y pegue esa clave (Ctrl+V). Pulse &lt;b&gt;Comprobar y guardar&lt;/b&gt;.</source>
        <translation>Type your server&apos;s address below and paste that key (Ctrl+V). Click &lt;b&gt;Check and save&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Pulse &lt;b&gt;Ajustes&lt;/b&gt; → &lt;b&gt;Privacidad y seguridad&lt;/b&gt; → &lt;b&gt;Contraseñas de aplicación&lt;/b&gt; → &lt;b&gt;Añadir contraseña de aplicación&lt;/b&gt;.</source>
        <translation>Click &lt;b&gt;Settings&lt;/b&gt; → &lt;b&gt;Privacy and security&lt;/b&gt; → &lt;b&gt;App passwords&lt;/b&gt; → &lt;b&gt;Add app password&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Como nombre escriba smalltown_social. Marque «Permitir el acceso a los mensajes directos» solo si quiere leerlos desde aquí.</source>
        <translation>As the name type smalltown_social. Tick “Allow access to your direct messages” only if you want to read them here.</translation>
    </message>
    <message>
        <source>Pulse &lt;b&gt;Siguiente&lt;/b&gt; y copie la contraseña (tiene la forma xxxx-xxxx-xxxx-xxxx). Solo se enseña una vez.</source>
        <translation>Click &lt;b&gt;Next&lt;/b&gt; and copy the password (it looks like xxxx-xxxx-xxxx-xxxx). It is shown only once.</translation>
    </message>
    <message>
        <source>Escriba abajo el usuario de la cuenta (por ejemplo ayuntamiento.bsky.social) y pegue la contraseña. No use la contraseña normal de la cuenta.</source>
        <translation>Type the account&apos;s user below (for example townhall.bsky.social) and paste the password. Do not use the account&apos;s normal password.</translation>
    </message>
    <message>
        <source>Contraseña de aplicación:</source>
        <translation>App password:</translation>
    </message>
    <message>
        <source>En Telegram, busque &lt;b&gt;@BotFather&lt;/b&gt; (con la marca azul de verificado), ábralo y pulse &lt;b&gt;Iniciar&lt;/b&gt;.</source>
        <translation>In Telegram, search for &lt;b&gt;@BotFather&lt;/b&gt; (with the blue verified mark), open it and press &lt;b&gt;Start&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Escriba &lt;b&gt;/newbot&lt;/b&gt;. Cuando lo pida, ponga un nombre (por ejemplo «Ayuntamiento de Valdelomar») y un usuario que termine en «bot».</source>
        <translation>Type &lt;b&gt;/newbot&lt;/b&gt;. When asked, give a name (for example “Valdelomar Town Hall”) and a username ending in “bot”.</translation>
    </message>
    <message>
        <source>BotFather contesta con un token parecido a 123456789:AAH…. Cópielo entero.</source>
        <translation>BotFather answers with a token like 123456789:AAH…. Copy all of it.</translation>
    </message>
    <message>
        <source>Abra su canal → pulse el nombre del canal → &lt;b&gt;Administradores&lt;/b&gt; → &lt;b&gt;Añadir administrador&lt;/b&gt;, busque su bot y deje marcados &lt;b&gt;Publicar mensajes&lt;/b&gt; y &lt;b&gt;Eliminar mensajes&lt;/b&gt;.</source>
        <translation>Open your channel → tap the channel&apos;s name → &lt;b&gt;Administrators&lt;/b&gt; → &lt;b&gt;Add administrator&lt;/b&gt;, find your bot and leave &lt;b&gt;Post messages&lt;/b&gt; and &lt;b&gt;Delete messages&lt;/b&gt; ticked.</translation>
    </message>
    <message>
        <source>Para leer los comentarios: añada también el bot como administrador del &lt;b&gt;grupo de debate&lt;/b&gt; vinculado al canal.</source>
        <translation>To read comments: also add the bot as administrator of the channel&apos;s linked &lt;b&gt;discussion group&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Esta red todavía no se puede conectar en esta versión.</source>
        <translation>This network cannot be connected yet in this version.</translation>
    </message>
    <message>
        <source>Comprobar y guardar</source>
        <translation>Check and save</translation>
    </message>
    <message>
        <source>Comprobando con %1…</source>
        <translation>Checking with %1…</translation>
    </message>
    <message>
        <source>Escriba un nombre para la cuenta.</source>
        <translation>Type a name for the account.</translation>
    </message>
    <message>
        <source>Escriba la dirección del servidor de Mastodon.</source>
        <translation>Type the Mastodon server&apos;s address.</translation>
    </message>
    <message>
        <source>Escriba el usuario de Bluesky.</source>
        <translation>Type the Bluesky user.</translation>
    </message>
    <message>
        <source>Escriba el canal de Telegram.</source>
        <translation>Type the Telegram channel.</translation>
    </message>
    <message>
        <source>Pegue la clave de acceso.</source>
        <translation>Paste the access key.</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AgendaDelegate</name>
    <message>
        <source>dddd d &apos;de&apos; MMMM</source>
        <translation>dddd d MMMM</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Repetición prevista</source>
        <translation>Planned repetition</translation>
    </message>
    <message>
        <source>sin publicaciones</source>
        <translation>no posts</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
</context>
<context>
    <name>AutostartAction</name>
    <message>
        <source>Iniciar con Windows</source>
        <translation>Start with Windows</translation>
    </message>
    <message>
        <source>Iniciar al entrar en la sesión</source>
        <translation>Start when I log in</translation>
    </message>
    <message>
        <source>No se pudo cambiar el inicio automático: {e}</source>
        <translation>Could not change starting automatically: {e}</translation>
    </message>
</context>
<context>
    <name>BackgroundOffer</name>
    <message>
        <source>Publicar aunque cierre el programa</source>
        <translation>Publish even when the program is closed</translation>
    </message>
    <message>
        <source>Ha programado una publicación. ¿Quiere que salga a su hora aunque el programa esté cerrado? Este ordenador lo comprobará cada pocos minutos mientras haya una sesión abierta. Puede cambiarlo en Ajustes.</source>
        <translation>You have scheduled a post. Should it go out on time even when the program is closed? This computer will check every few minutes while someone is logged on. You can change this in Settings.</translation>
    </message>
    <message>
        <source>Sí, publicar a su hora</source>
        <translation>Yes, publish on time</translation>
    </message>
    <message>
        <source>Ahora no</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>BackgroundPublishingBox</name>
    <message>
        <source>Publicar con la ventana cerrada</source>
        <translation>Publishing with the window closed</translation>
    </message>
    <message>
        <source>Publicar a su hora aunque el programa esté cerrado</source>
        <translation>Publish on time even when the program is closed</translation>
    </message>
    <message>
        <source>Cada {minutes} minutos, mientras haya una sesión abierta en este ordenador, el sistema comprueba si hay algo que publicar ({task}; no hace falta ser administrador). Cada publicación sale una sola vez, también con la ventana abierta.</source>
        <translation>Every {minutes} minutes, while someone is logged on to this computer, the system checks whether anything is due ({task}; no administrator needed). Each post goes out only once, also with the window open.</translation>
    </message>
    <message>
        <source>Un momento…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <source>No se pudo cambiar: {reason}</source>
        <translation>Could not change it: {reason}</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Anterior</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Anterior (Re Pág)</source>
        <translation>Previous (Page Up)</translation>
    </message>
    <message>
        <source>Siguiente</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Siguiente (Av Pág)</source>
        <translation>Next (Page Down)</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Semana</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Exportar…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Guarda el calendario para abrirlo en Outlook, Google Calendar o Thunderbird.</source>
        <translation>Saves the calendar to open it in Outlook, Google Calendar or Thunderbird.</translation>
    </message>
    <message>
        <source>No se pudo leer el calendario: {e}</source>
        <translation>Could not read the calendar: {e}</translation>
    </message>
    <message>
        <source>No se puede programar en el pasado. Elija una fecha y hora futuras.</source>
        <translation>Cannot schedule in the past. Choose a future date and time.</translation>
    </message>
    <message>
        <source>Movida a {when}.</source>
        <translation>Moved to {when}.</translation>
    </message>
    <message>
        <source>No se pudo mover: {e}</source>
        <translation>Could not move it: {e}</translation>
    </message>
    <message>
        <source>Se repetirá {rule}.</source>
        <translation>It will repeat {rule}.</translation>
    </message>
    <message>
        <source>Ya no se repite; lo ya programado sigue igual.</source>
        <translation>It no longer repeats; what is already scheduled stays as it is.</translation>
    </message>
    <message>
        <source>No se pudo cambiar: {e}</source>
        <translation>Could not change it: {e}</translation>
    </message>
    <message>
        <source>Marcada como publicada.</source>
        <translation>Marked as published.</translation>
    </message>
    <message>
        <source>Saldrá de nuevo en la próxima pasada.</source>
        <translation>It goes out again at the next sweep.</translation>
    </message>
    <message>
        <source>Ya es tarde para enviarla sola: queda como borrador. Elija una nueva hora.</source>
        <translation>It is too late to send it on its own: it is a draft now. Choose a new time.</translation>
    </message>
    <message>
        <source>Abandonada: no se publicará.</source>
        <translation>Abandoned: it will not be published.</translation>
    </message>
    <message>
        <source>Exportar calendario</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <source>Calendario (*.ics)</source>
        <translation>Calendar (*.ics)</translation>
    </message>
    <message>
        <source>Calendario guardado en {path}</source>
        <translation>Calendar saved to {path}</translation>
    </message>
    <message>
        <source>No se pudo guardar el calendario: {e}</source>
        <translation>Could not save the calendar: {e}</translation>
    </message>
</context>
<context>
    <name>ClerkReason</name>
    <message>
        <source>el sistema no lo ha permitido (anotado en el registro del programa)</source>
        <translation>the system did not allow it (noted in the program&apos;s log)</translation>
    </message>
    <message>
        <source>algo inesperado ha fallado (queda anotado en el registro del programa)</source>
        <translation>something unexpected failed (noted in the program&apos;s log)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Impide publicar</source>
        <translation>Blocks publishing</translation>
    </message>
    <message>
        <source>Aviso</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Consejo</source>
        <translation>Tip</translation>
    </message>
</context>
<context>
    <name>ComposerPage</name>
    <message>
        <source>Cambios sin guardar</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>La publicación está vacía: escriba el texto o use el ejemplo.</source>
        <translation>The post is empty: write the text or use the example.</translation>
    </message>
    <message>
        <source>Texto muy largo ({n} caracteres): ninguna red lo publicaría entero. Los consejos pueden tardar un momento.</source>
        <translation>Very long text ({n} characters): no network would publish it whole. The advice may take a moment.</translation>
    </message>
    <message>
        <source>Esta publicación ya salió y no se puede cambiar.</source>
        <translation>This post is already out and cannot be changed.</translation>
    </message>
    <message>
        <source>No hay nada que guardar: la publicación está vacía.</source>
        <translation>Nothing to save: the post is empty.</translation>
    </message>
    <message>
        <source>Ya no está programada: el texto tiene un problema que impide publicarlo (en rojo). Corríjalo y pulse «Programar».</source>
        <translation>No longer scheduled: the text has a problem that blocks publishing (in red). Fix it and press “Schedule”.</translation>
    </message>
    <message>
        <source>Borrador guardado a las {t}</source>
        <translation>Draft saved at {t}</translation>
    </message>
    <message>
        <source>Borrador guardado.</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <source>No se ha podido guardar: {m}</source>
        <translation>Could not save: {m}</translation>
    </message>
    <message>
        <source>No se ha programado: corrija lo marcado en rojo.</source>
        <translation>Not scheduled: fix what is marked in red.</translation>
    </message>
    <message>
        <source>Enviada a publicar ahora. Puede seguirla en el Calendario.</source>
        <translation>Sent to be published now. You can follow it in the Calendar.</translation>
    </message>
    <message>
        <source>Programada para el {when}.</source>
        <translation>Scheduled for {when}.</translation>
    </message>
    <message>
        <source>Esa publicación ya no existe.</source>
        <translation>That post no longer exists.</translation>
    </message>
    <message>
        <source>Movida en el Calendario: sale el {when}.</source>
        <translation>Moved in the Calendar: it goes out on {when}.</translation>
    </message>
    <message>
        <source>No se ha retirado: {reason}</source>
        <translation>Not withdrawn: {reason}</translation>
    </message>
    <message>
        <source>Puede que ya saliera: mire en la red si está y dígalo en el Calendario (clic derecho sobre ella) antes de cambiarla.</source>
        <translation>It may already be out: look on the network and say whether it is there in the Calendar (right-click on it) before changing it.</translation>
    </message>
    <message>
        <source>Ya publicada: no se puede cambiar. Si había un error, publique una corrección.</source>
        <translation>Already published: it cannot change. If it had a mistake, publish a correction.</translation>
    </message>
    <message>
        <source>Nueva publicación</source>
        <translation>New post</translation>
    </message>
    <message>
        <source>Retirando la publicación de la red…</source>
        <translation>Withdrawing the post from the network…</translation>
    </message>
    <message>
        <source>Retirada de la red: ya puede cambiarla y volver a programarla.</source>
        <translation>Withdrawn from the network: you can now change it and schedule it again.</translation>
    </message>
    <message>
        <source>El borrador que estaba escribiendo sigue en «Borradores».</source>
        <translation>The draft you were writing is still in “Drafts”.</translation>
    </message>
    <message>
        <source>Se ha recuperado el borrador que estaba escribiendo.</source>
        <translation>The draft you were writing has been recovered.</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>Elija un mensaje de la lista.</source>
        <translation>Choose a message from the list.</translation>
    </message>
    <message>
        <source>Conversación</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>No se puede enviar:</source>
        <translation>Cannot send:</translation>
    </message>
    <message>
        <source>Consejo:</source>
        <translation>Tip:</translation>
    </message>
    <message>
        <source>Nuestra publicación</source>
        <translation>Our post</translation>
    </message>
    <message>
        <source>Respuestas guardadas</source>
        <translation>Saved replies</translation>
    </message>
    <message>
        <source>Guardar como plantilla…</source>
        <translation>Save as template…</translation>
    </message>
    <message>
        <source>Puede usar {nombre}, {usuario} y {red} en las plantillas.</source>
        <translation>Templates may use {nombre} (name), {usuario} (handle) and {red} (network).</translation>
    </message>
    <message>
        <source>Plantilla:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>Respuesta</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Respuesta del ayuntamiento</source>
        <translation>The town hall&apos;s answer</translation>
    </message>
    <message>
        <source>en la cola de envío</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <source>enviándose</source>
        <translation>being sent</translation>
    </message>
    <message>
        <source>enviada</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>no se ha podido enviar</source>
        <translation>could not be sent</translation>
    </message>
    <message>
        <source>sin confirmar: mire en la red si salió</source>
        <translation>unconfirmed: check on the network whether it went out</translation>
    </message>
    <message>
        <source>Escriba la respuesta…</source>
        <translation>Write the reply…</translation>
    </message>
    <message>
        <source>&amp;Enviar respuesta</source>
        <translation>&amp;Send reply</translation>
    </message>
    <message>
        <source>Ctrl+Intro</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>(ninguna)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{author} · {network} · {when}</source>
        <translation>{author} · {network} · {when}</translation>
    </message>
    <message>
        <source>Responder en %1 cuesta %2.</source>
        <translation>Replying on %1 costs %2.</translation>
    </message>
    <message>
        <source>Guardar respuesta</source>
        <translation>Save reply</translation>
    </message>
    <message>
        <source>Nombre de la plantilla:</source>
        <translation>Template name:</translation>
    </message>
    <message>
        <source>Respuesta en la cola de envío: sale en cuanto haya conexión.</source>
        <translation>Reply queued: it goes out as soon as there is a connection.</translation>
    </message>
    <message>
        <source>La respuesta no se ha enviado.</source>
        <translation>The reply was not sent.</translation>
    </message>
    <message>
        <source>Su texto sigue aquí.</source>
        <translation>Your text is still here.</translation>
    </message>
    <message>
        <source>Su texto se conserva: vuelva a ese mensaje para enviarlo.</source>
        <translation>Your text is kept: go back to that message to send it.</translation>
    </message>
</context>
<context>
    <name>CredentialsWatch</name>
    <message>
        <source>Revise las cuentas</source>
        <translation>Check the accounts</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <source>Borradores</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Borradores guardados</source>
        <translation>Saved drafts</translation>
    </message>
    <message>
        <source>&amp;Abrir</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>&amp;Eliminar…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>(sin texto)</source>
        <translation>(no text)</translation>
    </message>
    <message>
        <source>ninguna cuenta elegida todavía</source>
        <translation>no account chosen yet</translation>
    </message>
    <message>
        <source>{text}
{when} · {where}</source>
        <translation>{text}
{when} · {where}</translation>
    </message>
    <message>
        <source>No hay borradores guardados.</source>
        <translation>There are no saved drafts.</translation>
    </message>
    <message>
        <source>1 borrador guardado.</source>
        <translation>1 saved draft.</translation>
    </message>
    <message>
        <source>{n} borradores guardados.</source>
        <translation>{n} saved drafts.</translation>
    </message>
    <message>
        <source>No se han podido leer los borradores: {m}</source>
        <translation>The drafts could not be read: {m}</translation>
    </message>
    <message>
        <source>Eliminar el borrador</source>
        <translation>Delete the draft</translation>
    </message>
    <message>
        <source>¿Eliminar este borrador? No se puede deshacer.</source>
        <translation>Delete this draft? This cannot be undone.</translation>
    </message>
    <message>
        <source>No se ha eliminado el borrador: {m}</source>
        <translation>The draft was not deleted: {m}</translation>
    </message>
</context>
<context>
    <name>EntryCanvas</name>
    <message>
        <source>Repetición prevista (se crea al publicarse la anterior)</source>
        <translation>Planned repetition (created when the previous one is published)</translation>
    </message>
    <message>
        <source>Abrir en Redactar</source>
        <translation>Open in Compose</translation>
    </message>
    <message>
        <source>Dejar de repetir</source>
        <translation>Stop repeating</translation>
    </message>
    <message>
        <source>Repetir cada semana ({day} a las {time})</source>
        <translation>Repeat every week ({day} at {time})</translation>
    </message>
    <message>
        <source>{account}: sin confirmar</source>
        <translation>{account}: unconfirmed</translation>
    </message>
    <message>
        <source>{account}: con error</source>
        <translation>{account}: failed</translation>
    </message>
    <message>
        <source>Está en la red: marcar como publicada</source>
        <translation>It is on the network: mark as published</translation>
    </message>
    <message>
        <source>No está en la red: volver a enviarla</source>
        <translation>It is not on the network: send it again</translation>
    </message>
    <message>
        <source>Abandonar: no publicarla</source>
        <translation>Abandon: do not publish it</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Legibilidad</source>
        <translation>Readability</translation>
    </message>
    <message>
        <source>Consejos sobre el texto</source>
        <translation>Advice on the text</translation>
    </message>
    <message>
        <source>&amp;Aplicar sugerencia</source>
        <translation>&amp;Apply suggestion</translation>
    </message>
    <message>
        <source>(quitar)</source>
        <translation>(remove)</translation>
    </message>
    <message>
        <source>Sin avisos: el texto está listo.</source>
        <translation>No warnings: the text is ready.</translation>
    </message>
    <message>
        <source>{n} impiden publicar</source>
        <translation>{n} block publishing</translation>
    </message>
    <message>
        <source>1 impide publicar</source>
        <translation>1 blocks publishing</translation>
    </message>
    <message>
        <source>{n} avisos</source>
        <translation>{n} warnings</translation>
    </message>
    <message>
        <source>1 aviso</source>
        <translation>1 warning</translation>
    </message>
    <message>
        <source>{n} consejos</source>
        <translation>{n} tips</translation>
    </message>
    <message>
        <source>1 consejo</source>
        <translation>1 tip</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Escriba al menos {n} palabras para medir la legibilidad.</source>
        <translation>Write at least {n} words to measure readability.</translation>
    </message>
    <message>
        <source>Lectura {band} ({score:.0f} de 100; un periódico ronda 60).</source>
        <translation>Reading: {band} ({score:.0f} of 100; a newspaper is about 60).</translation>
    </message>
    <message>
        <source>muy difícil</source>
        <translation>very difficult</translation>
    </message>
    <message>
        <source>algo difícil</source>
        <translation>fairly difficult</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>bastante fácil</source>
        <translation>fairly easy</translation>
    </message>
    <message>
        <source>muy fácil</source>
        <translation>very easy</translation>
    </message>
</context>
<context>
    <name>GuidedEditor</name>
    <message>
        <source>Texto de la publicación</source>
        <translation>Text of the post</translation>
    </message>
    <message>
        <source>Escriba aquí la publicación: qué pasa, dónde, cuándo y qué hacer.</source>
        <translation>Write the post here: what happens, where, when and what to do.</translation>
    </message>
    <message>
        <source>Aplicar la sugerencia</source>
        <translation>Apply the suggestion</translation>
    </message>
    <message>
        <source>Sugerencia: «{s}» (clic derecho o Ctrl+.)</source>
        <translation>Suggestion: “{s}” (right click or Ctrl+.)</translation>
    </message>
    <message>
        <source>Sugerencia: quitarlo (clic derecho o Ctrl+.)</source>
        <translation>Suggestion: remove it (right click or Ctrl+.)</translation>
    </message>
    <message>
        <source>Cambiar por «{s}»</source>
        <translation>Change to “{s}”</translation>
    </message>
    <message>
        <source>Quitar «{s}»</source>
        <translation>Remove “{s}”</translation>
    </message>
</context>
<context>
    <name>HandoverRow</name>
    <message>
        <source>Dejarla programada en la red (Mastodon, Facebook): sale aunque el ordenador esté apagado</source>
        <translation>Leave it scheduled on the network (Mastodon, Facebook): it goes out even with the computer off</translation>
    </message>
    <message>
        <source>La publicación se envía a la red con su hora. Para cambiarla después hay que retirarla de la red (con conexión).</source>
        <translation>The post is sent to the network with its time. To change it later it must be withdrawn from the network (online).</translation>
    </message>
    <message>
        <source>&amp;Retirar de la red para cambiarla</source>
        <translation>&amp;Withdraw from the network to change it</translation>
    </message>
</context>
<context>
    <name>ImageRow</name>
    <message>
        <source>Texto alternativo (obligatorio): qué se ve y el texto que aparece</source>
        <translation>Alt text (required): what it shows and any text in it</translation>
    </message>
    <message>
        <source>Texto alternativo de {name}</source>
        <translation>Alt text of {name}</translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Quitar {name}</source>
        <translation>Remove {name}</translation>
    </message>
</context>
<context>
    <name>ImagesPanel</name>
    <message>
        <source>Imágenes</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Añadir &amp;imagen…</source>
        <translation>Add &amp;image…</translation>
    </message>
    <message>
        <source>Quite la imagen {n}: {why}</source>
        <translation>Remove image {n}: {why}</translation>
    </message>
    <message>
        <source>Se están comprobando las imágenes; inténtelo en un momento.</source>
        <translation>The images are being checked; try again in a moment.</translation>
    </message>
    <message>
        <source>Añadir imágenes</source>
        <translation>Add images</translation>
    </message>
    <message>
        <source>Imágenes ({f})</source>
        <translation>Images ({f})</translation>
    </message>
    <message>
        <source>No se encuentra el archivo «{name}». ¿Se ha movido o borrado?</source>
        <translation>The file “{name}” cannot be found. Was it moved or deleted?</translation>
    </message>
    <message>
        <source>No caben más imágenes: como mucho {n} en las redes elegidas.</source>
        <translation>No room for more images: at most {n} on the chosen networks.</translation>
    </message>
    <message>
        <source>La imagen «{name}» ya está añadida.</source>
        <translation>The image “{name}” is already attached.</translation>
    </message>
    <message>
        <source>«{name}» no es una imagen que se pueda usar, o el archivo está dañado. Use una foto JPEG o PNG.</source>
        <translation>“{name}” is not an image that can be used, or the file is damaged. Use a JPEG or PNG photo.</translation>
    </message>
    <message>
        <source>No se ha podido leer la imagen «{name}».</source>
        <translation>The image “{name}” could not be read.</translation>
    </message>
    <message>
        <source>Se enviará una copia más pequeña a {names} ({mb:.1f} MB).</source>
        <translation>A smaller copy will be sent to {names} ({mb:.1f} MB).</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Red</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Autor</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Mensaje</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Publicación</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Etiqueta</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Espera más que el plazo de respuesta</source>
        <translation>Waiting longer than the response target</translation>
    </message>
    <message>
        <source> (oculto)</source>
        <translation> (hidden)</translation>
    </message>
    <message>
        <source>Privado · </source>
        <translation>Private · </translation>
    </message>
    <message>
        <source>Nuevo</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Respondido</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Archivado</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Buscar (sin importar tildes)…</source>
        <translation>Search (accents ignored)…</translation>
    </message>
    <message>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Cuenta</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>&amp;Traer ahora</source>
        <translation>&amp;Fetch now</translation>
    </message>
    <message>
        <source>Traer ahora los mensajes nuevos de todas las cuentas</source>
        <translation>Fetch new messages from every account now</translation>
    </message>
    <message>
        <source>Exportar CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Mensajes</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>No se pudieron traer mensajes de {what}</source>
        <translation>Could not fetch messages from {what}</translation>
    </message>
    <message>
        <source>Todas las redes</source>
        <translation>All networks</translation>
    </message>
    <message>
        <source>Todas las cuentas</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Todas las etiquetas</source>
        <translation>All labels</translation>
    </message>
    <message>
        <source>No se pudo guardar {path}: {error}. Si el archivo está abierto en otro programa (Excel, por ejemplo), ciérrelo y vuelva a intentarlo.</source>
        <translation>Could not save {path}: {error}. If the file is open in another program (Excel, for example), close it and try again.</translation>
    </message>
    <message>
        <source>Cualquier fecha</source>
        <translation>Any date</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Últimos 7 días</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Últimos 30 días</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Exportar bandeja de entrada</source>
        <translation>Export inbox</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Consulta</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Queja</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Sugerencia</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>Incidencia</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>Agradecimiento</source>
        <translation>Thanks</translation>
    </message>
    <message>
        <source>Ofensivo</source>
        <translation>Offensive</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>repetición prevista</source>
        <translation>planned repetition</translation>
    </message>
</context>
<context>
    <name>LinkedInSteps</name>
    <message>
        <source>&lt;b&gt;Lo que pide LinkedIn.&lt;/b&gt; Para publicar en la página del ayuntamiento hace falta una aplicación de desarrollador que LinkedIn haya aprobado para la «Community Management API». La aprobación la da LinkedIn tras revisar a la organización que la pide y puede tardar semanas; un ayuntamiento pequeño no suele tenerla. Lo habitual es que quien ya la tiene (por ejemplo, la diputación) le prepare una clave. Usarla es gratis.</source>
        <translation>&lt;b&gt;What LinkedIn requires.&lt;/b&gt; Posting on the town hall&apos;s page needs a developer app that LinkedIn has approved for the “Community Management API”. LinkedIn approves it after vetting the organisation that asks, which can take weeks; a small town hall rarely has one. Usually whoever already has one (for example, the county office) prepares a key for you. Using it is free.</translation>
    </message>
    <message>
        <source>La clave &lt;b&gt;caduca a los 60 días&lt;/b&gt;. La aplicación avisa en Cuentas dos semanas antes; entonces pida otra y vuelva a conectar la cuenta (lo publicado y lo programado se conservan).</source>
        <translation>The key &lt;b&gt;expires after 60 days&lt;/b&gt;. The application warns under Accounts two weeks before; then ask for a new one and reconnect the account (what was posted or scheduled is kept).</translation>
    </message>
    <message>
        <source>Quien prepara la clave debe ser &lt;b&gt;administrador de la página&lt;/b&gt; en LinkedIn y generarla en el &lt;b&gt;Token Generator&lt;/b&gt; del portal de desarrolladores de LinkedIn con los permisos &lt;b&gt;w_organization_social&lt;/b&gt; y &lt;b&gt;r_organization_social&lt;/b&gt;.</source>
        <translation>Whoever prepares the key must be an &lt;b&gt;administrator of the page&lt;/b&gt; on LinkedIn and generate it in the &lt;b&gt;Token Generator&lt;/b&gt; of LinkedIn&apos;s developer portal with the permissions &lt;b&gt;w_organization_social&lt;/b&gt; and &lt;b&gt;r_organization_social&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Escriba abajo el &lt;b&gt;número de la página&lt;/b&gt;: está en la dirección de la vista de administración, linkedin.com/company/&lt;b&gt;2414183&lt;/b&gt;/admin.</source>
        <translation>Write the &lt;b&gt;page number&lt;/b&gt; below: it is in the address of the admin view, linkedin.com/company/&lt;b&gt;2414183&lt;/b&gt;/admin.</translation>
    </message>
    <message>
        <source>Pegue la clave y pulse &lt;b&gt;Comprobar y guardar&lt;/b&gt;: la aplicación pregunta a LinkedIn por la página (no publica nada). La clave se guarda solo en {store}.</source>
        <translation>Paste the key and press &lt;b&gt;Check and save&lt;/b&gt;: the application asks LinkedIn about the page (it posts nothing). The key is kept only in {store}.</translation>
    </message>
    <message>
        <source>Clave de acceso (token):</source>
        <translation>Access key (token):</translation>
    </message>
    <message>
        <source>Número de la página:</source>
        <translation>Page number:</translation>
    </message>
    <message>
        <source>Escriba el número de la página de LinkedIn.</source>
        <translation>Write the LinkedIn page number.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>smalltown_social · Redes del ayuntamiento</source>
        <translation>smalltown_social · Town hall social networks</translation>
    </message>
    <message>
        <source>Secciones</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Redactar</source>
        <translation>Compose</translation>
    </message>
    <message>
        <source>Calendario</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>Bandeja de entrada</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Resultados</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Trabajar con mi ayuntamiento</source>
        <translation>Work with my town hall</translation>
    </message>
    <message>
        <source>Demostración: Valdelomar es un municipio ficticio y nada de esto se publica.</source>
        <translation>Demo: Valdelomar is a fictional town and nothing here is published.</translation>
    </message>
    <message>
        <source>{problem} Mientras tanto no se puede conectar cuentas ni publicar; lo programado espera y no se pierde nada. Cuando esté resuelto, vuelva a abrir la aplicación.</source>
        <translation>{problem} Meanwhile accounts cannot be connected and nothing is published; what is scheduled waits and nothing is lost. Once it is solved, open the application again.</translation>
    </message>
    <message>
        <source>Problema con el almacén de contraseñas</source>
        <translation>Problem with the password store</translation>
    </message>
    <message>
        <source>No se ha podido abrir la otra ventana.</source>
        <translation>The other window could not be opened.</translation>
    </message>
    <message>
        <source>{title} ({n})</source>
        <translation>{title} ({n})</translation>
    </message>
    <message>
        <source>{n} mensajes nuevos</source>
        <translation>{n} new messages</translation>
    </message>
    <message>
        <source>Mensajes nuevos</source>
        <translation>New messages</translation>
    </message>
    <message>
        <source>Han llegado {n} mensajes nuevos a la bandeja de entrada.</source>
        <translation>{n} new messages have arrived in the inbox.</translation>
    </message>
    <message>
        <source>El programa sigue publicando</source>
        <translation>The program is still publishing</translation>
    </message>
    <message>
        <source>La ventana se ha cerrado, pero el programa sigue abierto junto al reloj y publica a su hora. Si sale del todo con «Salir», lo programado saldrá igualmente: el ordenador lo comprueba cada pocos minutos.</source>
        <translation>The window is closed, but the program is still open next to the clock and publishes on time. If you quit it with “Quit”, scheduled posts still go out: the computer checks every few minutes.</translation>
    </message>
    <message>
        <source>La ventana se ha cerrado, pero el programa sigue abierto junto al reloj y publica a su hora. Si sale del todo con «Salir», lo programado esperará a que vuelva a abrirlo.</source>
        <translation>The window is closed, but the program is still open next to the clock and publishes on time. If you quit it with “Quit”, scheduled posts wait until you open it again.</translation>
    </message>
</context>
<context>
    <name>MetaSteps</name>
    <message>
        <source>&lt;b&gt;¿Le ha enviado la Diputación una clave ya preparada?&lt;/b&gt; Salte estos pasos: escriba abajo el identificador y pegue la clave.</source>
        <translation>&lt;b&gt;Did the county office (Diputación) send you a ready-made key?&lt;/b&gt; Skip these steps: type the id below and paste the key.</translation>
    </message>
    <message>
        <source>Entre en &lt;b&gt;developers.facebook.com&lt;/b&gt; con la cuenta de Facebook de la persona que administra la página del ayuntamiento. Pulse &lt;b&gt;Empezar&lt;/b&gt; y regístrese como desarrollador (es gratis).</source>
        <translation>Go to &lt;b&gt;developers.facebook.com&lt;/b&gt; with the Facebook account of the person who manages the town hall&apos;s Page. Click &lt;b&gt;Get started&lt;/b&gt; and register as a developer (it is free).</translation>
    </message>
    <message>
        <source>Pulse &lt;b&gt;Mis apps&lt;/b&gt; → &lt;b&gt;Crear app&lt;/b&gt;. Como caso de uso elija &lt;b&gt;Otro&lt;/b&gt;, como tipo &lt;b&gt;Empresa&lt;/b&gt;, y como nombre «smalltown_social» y el de su pueblo. No hace falta enviarla a revisión: la usa solo quien tiene un rol en ella.</source>
        <translation>Click &lt;b&gt;My apps&lt;/b&gt; → &lt;b&gt;Create app&lt;/b&gt;. As use case choose &lt;b&gt;Other&lt;/b&gt;, as type &lt;b&gt;Business&lt;/b&gt;, and as name “smalltown_social” and your town&apos;s. It need not be sent for review: only people with a role on it use it.</translation>
    </message>
    <message>
        <source>Abra &lt;b&gt;Herramientas&lt;/b&gt; → &lt;b&gt;Explorador de la API Graph&lt;/b&gt;. A la derecha, en &lt;b&gt;App de Meta&lt;/b&gt;, elija la app que acaba de crear.</source>
        <translation>Open &lt;b&gt;Tools&lt;/b&gt; → &lt;b&gt;Graph API Explorer&lt;/b&gt;. On the right, under &lt;b&gt;Meta App&lt;/b&gt;, choose the app you just created.</translation>
    </message>
    <message>
        <source>En &lt;b&gt;Permisos&lt;/b&gt; añada uno a uno: &lt;b&gt;%1&lt;/b&gt;. Pulse &lt;b&gt;Generate Access Token&lt;/b&gt;, acepte y, cuando Facebook lo pregunte, marque la página del ayuntamiento.</source>
        <translation>Under &lt;b&gt;Permissions&lt;/b&gt; add one by one: &lt;b&gt;%1&lt;/b&gt;. Click &lt;b&gt;Generate Access Token&lt;/b&gt;, accept and, when Facebook asks, tick the town hall&apos;s Page.</translation>
    </message>
    <message>
        <source>Pulse el icono &lt;b&gt;i&lt;/b&gt; junto al token → &lt;b&gt;Abrir en la herramienta de token de acceso&lt;/b&gt;. Abajo, pulse &lt;b&gt;Ampliar token de acceso&lt;/b&gt; y copie el token nuevo (dura 60 días).</source>
        <translation>Click the &lt;b&gt;i&lt;/b&gt; icon next to the token → &lt;b&gt;Open in Access Token Tool&lt;/b&gt;. At the bottom, click &lt;b&gt;Extend Access Token&lt;/b&gt; and copy the new token (it lasts 60 days).</translation>
    </message>
    <message>
        <source>Vuelva al Explorador, pegue ese token en &lt;b&gt;Token de acceso&lt;/b&gt;, escriba en la consulta &lt;b&gt;me/accounts?fields=name,access_token,instagram_business_account&lt;/b&gt; y pulse &lt;b&gt;Enviar&lt;/b&gt;.</source>
        <translation>Go back to the Explorer, paste that token under &lt;b&gt;Access Token&lt;/b&gt;, type the query &lt;b&gt;me/accounts?fields=name,access_token,instagram_business_account&lt;/b&gt; and click &lt;b&gt;Submit&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>En la respuesta, busque su página: copie el número de &lt;b&gt;instagram_business_account&lt;/b&gt; → &lt;b&gt;id&lt;/b&gt; en «Cuenta de Instagram» y el texto de &lt;b&gt;access_token&lt;/b&gt; en «Clave de la página». Si no aparece instagram_business_account, la cuenta de Instagram no es profesional o no está vinculada a la página (Instagram → Configuración → Cuenta → Cambiar a cuenta profesional, y vincúlela a la página).</source>
        <translation>In the answer, find your Page: copy the number of &lt;b&gt;instagram_business_account&lt;/b&gt; → &lt;b&gt;id&lt;/b&gt; into “Instagram account” and the text of &lt;b&gt;access_token&lt;/b&gt; into “Page key”. If instagram_business_account is missing, the Instagram account is not a professional one or is not linked to the Page (Instagram → Settings → Account → Switch to professional account, and link it to the Page).</translation>
    </message>
    <message>
        <source>Vuelva al Explorador, pegue ese token en &lt;b&gt;Token de acceso&lt;/b&gt;, escriba en la consulta &lt;b&gt;me/accounts&lt;/b&gt; y pulse &lt;b&gt;Enviar&lt;/b&gt;.</source>
        <translation>Go back to the Explorer, paste that token under &lt;b&gt;Access Token&lt;/b&gt;, type the query &lt;b&gt;me/accounts&lt;/b&gt; and click &lt;b&gt;Submit&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>En la respuesta, busque su página: copie su &lt;b&gt;id&lt;/b&gt; en «Página» y el texto de &lt;b&gt;access_token&lt;/b&gt; en «Clave de la página». Esa clave de página no caduca mientras la persona siga administrando la página y no cambie su contraseña.</source>
        <translation>In the answer, find your Page: copy its &lt;b&gt;id&lt;/b&gt; into “Page” and the text of &lt;b&gt;access_token&lt;/b&gt; into “Page key”. That Page key does not expire while the person keeps managing the Page and does not change their password.</translation>
    </message>
    <message>
        <source>Pulse &lt;b&gt;Comprobar y guardar&lt;/b&gt;. La aplicación pregunta a Meta qué permisos tiene la clave y de qué página es, y le dice en español lo que falte. Los mensajes privados (Messenger, Instagram Direct) no se leen: Meta exige para ellos una revisión avanzada.</source>
        <translation>Click &lt;b&gt;Check and save&lt;/b&gt;. The application asks Meta which permissions the key has and which Page it belongs to, and tells you what is missing. Private messages (Messenger, Instagram Direct) are not read: Meta requires an advanced review for them.</translation>
    </message>
    <message>
        <source>Clave de la página:</source>
        <translation>Page key:</translation>
    </message>
    <message>
        <source>Cuenta de Instagram (id):</source>
        <translation>Instagram account (id):</translation>
    </message>
    <message>
        <source>Página (id):</source>
        <translation>Page (id):</translation>
    </message>
    <message>
        <source>Escriba el identificador de la cuenta de Instagram.</source>
        <translation>Type the Instagram account&apos;s id.</translation>
    </message>
    <message>
        <source>Escriba el identificador de la página de Facebook.</source>
        <translation>Type the Facebook Page&apos;s id.</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>Calendario mensual</source>
        <translation>Monthly calendar</translation>
    </message>
    <message>
        <source>+{n} más</source>
        <translation>+{n} more</translation>
    </message>
</context>
<context>
    <name>NetworkPreview</name>
    <message>
        <source> · demasiados emojis o símbolos: cuentan más que una letra</source>
        <translation> · too many emoji or symbols: they count as more than one letter</translation>
    </message>
    <message>
        <source> · demasiado largo</source>
        <translation> · too long</translation>
    </message>
    <message>
        <source>Longitud en {n}: {c}</source>
        <translation>Length on {n}: {c}</translation>
    </message>
    <message>
        <source>Coste: %1 por cuenta (publicación con enlace)</source>
        <translation>Cost: %1 per account (post with a link)</translation>
    </message>
    <message>
        <source>Coste: %1 por cuenta (sin enlace; con un enlace costaría más)</source>
        <translation>Cost: %1 per account (no link; with a link it would cost more)</translation>
    </message>
    <message>
        <source>(sin texto)</source>
        <translation>(no text)</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Esta publicación tiene un problema grave</source>
        <translation>This post has a serious problem</translation>
    </message>
    <message>
        <source>Problemas que impiden publicar</source>
        <translation>Problems that block publishing</translation>
    </message>
    <message>
        <source>Lo normal es corregir el texto antes de publicarlo. Si aun así debe salir, escriba el motivo: quedará guardado en el registro de la publicación.</source>
        <translation>Normally the text is corrected before it is published. If it must go out anyway, write the reason: it is kept in the post&apos;s record.</translation>
    </message>
    <message>
        <source>&amp;Motivo por el que debe salir así:</source>
        <translation>&amp;Why it must go out like this:</translation>
    </message>
    <message>
        <source>Publicar ahora de todos modos</source>
        <translation>Publish now anyway</translation>
    </message>
    <message>
        <source>Programar de todos modos</source>
        <translation>Schedule anyway</translation>
    </message>
    <message>
        <source>Volver a corregir</source>
        <translation>Go back and fix it</translation>
    </message>
</context>
<context>
    <name>PauseAction</name>
    <message>
        <source>Pausar todas las publicaciones</source>
        <translation>Pause all publishing</translation>
    </message>
</context>
<context>
    <name>PauseSwitch</name>
    <message>
        <source>Reanudar publicaciones</source>
        <translation>Resume publishing</translation>
    </message>
    <message>
        <source>Pausar publicaciones</source>
        <translation>Pause publishing</translation>
    </message>
    <message>
        <source>Vuelve a publicar lo programado; lo que venció durante la pausa se revisa.</source>
        <translation>Publishes what is scheduled again; what fell due during the pause is checked.</translation>
    </message>
    <message>
        <source>Detiene todas las publicaciones programadas, por ejemplo ante una tragedia.</source>
        <translation>Stops every scheduled post, for example during a tragedy.</translation>
    </message>
</context>
<context>
    <name>PausedBanner</name>
    <message>
        <source>Publicación en pausa: no sale nada, ni lo programado, hasta que pulse «Reanudar publicaciones».</source>
        <translation>Publishing paused: nothing goes out, not even what is scheduled, until you press “Resume publishing”.</translation>
    </message>
</context>
<context>
    <name>PreviewsPanel</name>
    <message>
        <source>Elija cuentas para ver cómo queda en cada red.</source>
        <translation>Choose accounts to see how it looks on each network.</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>Hay publicaciones programadas para la próxima hora ({n}). Si sale ahora, no saldrán hasta que vuelva a abrir la aplicación.

¿Salir de todos modos?</source>
        <translation>There are posts scheduled for the next hour ({n}). If you quit now, they will not go out until you open the application again.

Quit anyway?</translation>
    </message>
    <message>
        <source>¿Salir?</source>
        <translation>Quit?</translation>
    </message>
    <message>
        <source>Salir</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Seguir publicando</source>
        <translation>Keep publishing</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>◀ Mes anterior</source>
        <translation>◀ Previous month</translation>
    </message>
    <message>
        <source>Mes siguiente ▶</source>
        <translation>Next month ▶</translation>
    </message>
    <message>
        <source>Leer cifras ahora</source>
        <translation>Read counts now</translation>
    </message>
    <message>
        <source>Pide ahora a las redes los me gusta, compartidos y respuestas.</source>
        <translation>Ask the networks now for likes, shares and replies.</translation>
    </message>
    <message>
        <source>Informe para el pleno…</source>
        <translation>Report for the council…</translation>
    </message>
    <message>
        <source>Guarda el informe del mes en PDF (A4) y, a su lado, una hoja CSV.</source>
        <translation>Saves the month&apos;s report as a PDF (A4) and, next to it, a CSV sheet.</translation>
    </message>
    <message>
        <source>Lo que más compartieron los vecinos</source>
        <translation>What citizens shared most</translation>
    </message>
    <message>
        <source>Sin ninguna interacción</source>
        <translation>No interaction at all</translation>
    </message>
    <message>
        <source>Por tipo de contenido y red (medianas por publicación)</source>
        <translation>By content type and network (medians per post)</translation>
    </message>
    <message>
        <source>Información de servicio frente a contenido institucional</source>
        <translation>Service information against institutional content</translation>
    </message>
    <message>
        <source>Escucha: mensajes recibidos y respondidos</source>
        <translation>Listening: messages received and answered</translation>
    </message>
    <message>
        <source>Escucha por etiqueta</source>
        <translation>Listening by label</translation>
    </message>
    <message>
        <source>Escucha por red</source>
        <translation>Listening by network</translation>
    </message>
    <message>
        <source>Escucha por etiqueta y red</source>
        <translation>Listening by label and network</translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Leyendo las cifras en las redes…</source>
        <translation>Reading the counts from the networks…</translation>
    </message>
    <message>
        <source>No se pudieron leer los resultados: {n}</source>
        <translation>Could not read the results: {n}</translation>
    </message>
    <message>
        <source>{n} borradas en la red (se guardan sus últimas cifras).</source>
        <translation>{n} deleted on the network (their last counts are kept).</translation>
    </message>
    <message>
        <source>Faltan permisos para parte de las cifras: {n}.</source>
        <translation>Permissions missing for some figures: {n}.</translation>
    </message>
    <message>
        <source>Nada compartido este mes.</source>
        <translation>Nothing shared this month.</translation>
    </message>
    <message>
        <source>Todas las publicaciones con cifras tuvieron alguna interacción.</source>
        <translation>Every post with counts had some interaction.</translation>
    </message>
    <message>
        <source>Publicadas</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>Con cifras</source>
        <translation>With counts</translation>
    </message>
    <message>
        <source>Compartidos</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>Me gusta</source>
        <translation>Likes</translation>
    </message>
    <message>
        <source>Respuestas</source>
        <translation>Replies</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Contenido</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>{received} mensajes recibidos, {answered} respondidos. Mediana de respuesta: {median}; el 90 % respondido en {p90}.</source>
        <translation>{received} messages received, {answered} answered. Median response: {median}; 90% answered within {p90}.</translation>
    </message>
    <message>
        <source>No se recibieron mensajes este mes.</source>
        <translation>No messages were received this month.</translation>
    </message>
    <message>
        <source>Etiqueta</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Guardando el informe en {pdf}…</source>
        <translation>Saving the report to {pdf}…</translation>
    </message>
    <message>
        <source>No se pudo guardar el informe en {folder}: {why}. Elija otra carpeta (por ejemplo, Documentos) o libere espacio en el disco y pulse otra vez el botón.</source>
        <translation>Could not save the report in {folder}: {why}. Choose another folder (for example, Documents) or free some disk space and press the button again.</translation>
    </message>
    <message>
        <source>Recibidos</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>{posts}; {read} con cifras: {figures}.</source>
        <translation>{posts}; {read} with counts: {figures}.</translation>
    </message>
    <message>
        <source>{n} en redes que no dan cifras a las aplicaciones ({networks}).</source>
        <translation>{n} on networks that give applications no counts ({networks}).</translation>
    </message>
    <message>
        <source>Telegram solo da a los bots las reacciones (contadas como «me gusta») y los comentarios del grupo de debate: ni visualizaciones ni reenvíos.</source>
        <translation>Telegram gives bots only the reactions (counted as likes) and the comments in the discussion group: neither views nor forwards.</translation>
    </message>
    <message>
        <source>Respondidos</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Mediana de respuesta</source>
        <translation>Median response</translation>
    </message>
    <message>
        <source>El 90 % respondido en</source>
        <translation>90% answered within</translation>
    </message>
    <message>
        <source>Sin etiqueta</source>
        <translation>No label</translation>
    </message>
    <message>
        <source>Guardar el informe para el pleno</source>
        <translation>Save the report for the council</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Informe guardado: {pdf} (y la hoja {csv}).</source>
        <translation>Report saved: {pdf} (and the sheet {csv}).</translation>
    </message>
</context>
<context>
    <name>SchedulePanel</name>
    <message>
        <source>&amp;Cuentas:</source>
        <translation>&amp;Accounts:</translation>
    </message>
    <message>
        <source>Cuentas donde se publica</source>
        <translation>Accounts it is published to</translation>
    </message>
    <message>
        <source>No hay cuentas conectadas: puede escribir y guardar el borrador igualmente.</source>
        <translation>No accounts connected: you can still write and save the draft.</translation>
    </message>
    <message>
        <source>&amp;Fecha y hora:</source>
        <translation>&amp;Date and time:</translation>
    </message>
    <message>
        <source>Fecha de publicación</source>
        <translation>Publication date</translation>
    </message>
    <message>
        <source>Hora de publicación</source>
        <translation>Publication time</translation>
    </message>
    <message>
        <source>hora de Canarias</source>
        <translation>Canary Islands time</translation>
    </message>
    <message>
        <source>hora peninsular</source>
        <translation>mainland Spain time</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Funcionamiento</source>
        <translation>How it works</translation>
    </message>
    <message>
        <source>AAAA-MM-DD (vacío si no hay)</source>
        <translation>YYYY-MM-DD (empty if none)</translation>
    </message>
    <message>
        <source>Sin periodo electoral: la revisión avisa de la propaganda, sin bloquear.</source>
        <translation>No electoral period: the review warns about propaganda without blocking it.</translation>
    </message>
    <message>
        <source>Periodo electoral del {start} al {end}: la propaganda se bloquea; cómo votar y la información de servicios se pueden publicar.</source>
        <translation>Electoral period from {start} to {end}: propaganda is blocked; how to vote and service information can be posted.</translation>
    </message>
    <message>
        <source>Datos y copias de seguridad</source>
        <translation>Data and backups</translation>
    </message>
    <message>
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
        <source>Cada día se guarda una copia automática. Las contraseñas no están en la base de datos: se guardan en el llavero del sistema.</source>
        <translation>An automatic backup is kept every day. Passwords are not in the database: they are kept in the system keyring.</translation>
    </message>
    <message>
        <source>Hacer una copia ahora</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Abrir la carpeta de copias</source>
        <translation>Open the backups folder</translation>
    </message>
    <message>
        <source>Haciendo la copia…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Copia guardada en {path}</source>
        <translation>Backup saved to {path}</translation>
    </message>
    <message>
        <source>No se pudo hacer la copia: {reason}. Compruebe el espacio en disco.</source>
        <translation>The backup could not be made: {reason}. Check the free disk space.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Conexión: desconocida</source>
        <translation>Connection: unknown</translation>
    </message>
    <message>
        <source>● Con conexión</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Sin conexión: se publicará al volver la conexión</source>
        <translation>○ Offline: posts will go out when the connection returns</translation>
    </message>
    <message>
        <source>Con la ventana cerrada: publica</source>
        <translation>With the window closed: publishes</translation>
    </message>
    <message>
        <source>Una tarea programada publica a su hora aunque cierre el programa.</source>
        <translation>A scheduled task publishes on time even if you close the program.</translation>
    </message>
    <message>
        <source>Con la ventana cerrada: no publica</source>
        <translation>With the window closed: does not publish</translation>
    </message>
    <message>
        <source>Si cierra el programa, lo programado espera a que vuelva a abrirlo. Actívelo en Ajustes.</source>
        <translation>If you close the program, scheduled posts wait until you open it again. Turn it on in Settings.</translation>
    </message>
    <message>
        <source>○ Sin conexión con {where}</source>
        <translation>○ No connection to {where}</translation>
    </message>
    <message>
        <source>El equipo tiene red, pero {where} no contesta; se intentará de nuevo.</source>
        <translation>This computer is online, but {where} does not answer; it will be tried again.</translation>
    </message>
    <message>
        <source>{first} (y {n} más)</source>
        <translation>{first} (and {n} more)</translation>
    </message>
    <message>
        <source>Publicaciones en pausa: no sale nada</source>
        <translation>Posting paused: nothing goes out</translation>
    </message>
    <message>
        <source>Se reanudan desde el Calendario.</source>
        <translation>Resume them from the Calendar.</translation>
    </message>
    <message>
        <source>No hay publicaciones programadas</source>
        <translation>No scheduled posts</translation>
    </message>
    <message>
        <source>Próxima publicación: {when} · {account}</source>
        <translation>Next post: {when} · {account}</translation>
    </message>
</context>
<context>
    <name>System</name>
    <message>
        <source>el almacén de contraseñas de Windows</source>
        <translation>the Windows password store</translation>
    </message>
    <message>
        <source>el Llavero de macOS</source>
        <translation>the macOS Keychain</translation>
    </message>
    <message>
        <source>el almacén de contraseñas del sistema</source>
        <translation>the system&apos;s password store</translation>
    </message>
    <message>
        <source>una tarea programada de Windows de este usuario</source>
        <translation>a Windows scheduled task of this user</translation>
    </message>
    <message>
        <source>un temporizador de systemd de este usuario</source>
        <translation>a systemd timer of this user</translation>
    </message>
    <message>
        <source>una tarea programada de este usuario</source>
        <translation>a scheduled task of this user</translation>
    </message>
</context>
<context>
    <name>TemplatePanel</name>
    <message>
        <source>&amp;Tipo de publicación:</source>
        <translation>&amp;Type of post:</translation>
    </message>
    <message>
        <source>Sin tipo (consejos generales)</source>
        <translation>No type (general advice)</translation>
    </message>
    <message>
        <source>Usar el &amp;ejemplo</source>
        <translation>Use the &amp;example</translation>
    </message>
    <message>
        <source>Sustituye el texto por un ejemplo de este tipo (se puede deshacer con Ctrl+Z).</source>
        <translation>Replaces the text with an example of this type (undo with Ctrl+Z).</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Abrir la ventana</source>
        <translation>Open the window</translation>
    </message>
    <message>
        <source>Salir</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Publicada en {where}</source>
        <translation>Published on {where}</translation>
    </message>
    <message>
        <source>Publicada en {n} cuentas</source>
        <translation>Published on {n} accounts</translation>
    </message>
    <message>
        <source>Se publicaron {n}</source>
        <translation>{n} posts went out</translation>
    </message>
    <message>
        <source>No se pudo publicar en {where}</source>
        <translation>Could not publish on {where}</translation>
    </message>
    <message>
        <source>Pulse aquí para abrirla.</source>
        <translation>Click here to open it.</translation>
    </message>
    <message>
        <source>Sin confirmar en {where}</source>
        <translation>Unconfirmed on {where}</translation>
    </message>
    <message>
        <source>No se sabe si salió. Compruébelo en la red antes de repetirla.</source>
        <translation>It is not known whether it went out. Check on the network before repeating it.</translation>
    </message>
    <message>
        <source>y {n} más</source>
        <translation>and {n} more</translation>
    </message>
    <message>
        <source>Con el programa cerrado se publicaron {n}</source>
        <translation>{n} posts went out while the program was closed</translation>
    </message>
    <message>
        <source>Con el programa cerrado se publicó 1</source>
        <translation>1 post went out while the program was closed</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>Calendario semanal</source>
        <translation>Weekly calendar</translation>
    </message>
</context>
<context>
    <name>WelcomeBanner</name>
    <message>
        <source>Bienvenido. Para empezar, conecte la primera red del ayuntamiento; puede revisar antes los datos del municipio o ver un ejemplo.</source>
        <translation>Welcome. To begin, connect the town hall&apos;s first network; you may check the town&apos;s details first or look at an example.</translation>
    </message>
    <message>
        <source>Conectar la primera cuenta</source>
        <translation>Connect the first account</translation>
    </message>
    <message>
        <source>Datos del municipio</source>
        <translation>Town details</translation>
    </message>
    <message>
        <source>Ver un municipio de ejemplo</source>
        <translation>See an example town</translation>
    </message>
</context>
<context>
    <name>XKeys</name>
    <message>
        <source>Pegue las cuatro claves de X (falta %1).</source>
        <translation>Paste the four X keys (%1 is missing).</translation>
    </message>
</context>
<context>
    <name>XSteps</name>
    <message>
        <source>&lt;b&gt;X cobra por usar su API.&lt;/b&gt; Cada publicación cuesta %1 y una con enlace %2, descontados de un saldo que se paga por adelantado en la consola de desarrollador de X. Leer menciones y métricas también se cobra (%3 por mención leída): por eso la bandeja de entrada y los resultados de X están apagados hasta que los active en Ajustes. La aplicación enseña el precio antes de publicar y no pasa del límite mensual que ponga en Ajustes.</source>
        <translation>&lt;b&gt;X charges for using its API.&lt;/b&gt; Each post costs %1 and one with a link %2, taken from a balance paid in advance in the X developer console. Reading mentions and metrics is charged too (%3 per mention read): that is why X&apos;s inbox and results are off until you turn them on in Settings. The application shows the price before posting and does not go past the monthly limit you set in Settings.</translation>
    </message>
    <message>
        <source>Entre en &lt;b&gt;console.x.com&lt;/b&gt; con la cuenta del ayuntamiento, acepte las condiciones de desarrollador y cree una aplicación (&lt;b&gt;Apps&lt;/b&gt; → &lt;b&gt;Create App&lt;/b&gt;). Ponga saldo en &lt;b&gt;Billing&lt;/b&gt; → &lt;b&gt;Credits&lt;/b&gt;.</source>
        <translation>Go to &lt;b&gt;console.x.com&lt;/b&gt; with the town hall&apos;s account, accept the developer terms and create an app (&lt;b&gt;Apps&lt;/b&gt; → &lt;b&gt;Create App&lt;/b&gt;). Add a balance under &lt;b&gt;Billing&lt;/b&gt; → &lt;b&gt;Credits&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>En la aplicación, &lt;b&gt;User authentication settings&lt;/b&gt; → &lt;b&gt;Set up&lt;/b&gt;: permisos &lt;b&gt;Read and write&lt;/b&gt;; tipo &lt;b&gt;Web App, Automated App or Bot&lt;/b&gt;; en &lt;b&gt;Callback URI&lt;/b&gt; y &lt;b&gt;Website URL&lt;/b&gt; escriba la web del ayuntamiento. Guarde.</source>
        <translation>In the app, &lt;b&gt;User authentication settings&lt;/b&gt; → &lt;b&gt;Set up&lt;/b&gt;: permissions &lt;b&gt;Read and write&lt;/b&gt;; type &lt;b&gt;Web App, Automated App or Bot&lt;/b&gt;; in &lt;b&gt;Callback URI&lt;/b&gt; and &lt;b&gt;Website URL&lt;/b&gt; write the town hall&apos;s website. Save.</translation>
    </message>
    <message>
        <source>En &lt;b&gt;Keys and tokens&lt;/b&gt; → &lt;b&gt;Consumer Keys&lt;/b&gt;, copie la &lt;b&gt;API Key&lt;/b&gt; y la &lt;b&gt;API Key Secret&lt;/b&gt; en los dos primeros campos de abajo.</source>
        <translation>In &lt;b&gt;Keys and tokens&lt;/b&gt; → &lt;b&gt;Consumer Keys&lt;/b&gt;, copy the &lt;b&gt;API Key&lt;/b&gt; and the &lt;b&gt;API Key Secret&lt;/b&gt; into the first two fields below.</translation>
    </message>
    <message>
        <source>En &lt;b&gt;Access Token and Secret&lt;/b&gt; pulse &lt;b&gt;Generate&lt;/b&gt; y compruebe que dice «Read and Write» (si lo generó antes de cambiar los permisos, pulse &lt;b&gt;Regenerate&lt;/b&gt;: el antiguo sigue siendo de solo lectura). Copie el &lt;b&gt;Access Token&lt;/b&gt; y el &lt;b&gt;Access Token Secret&lt;/b&gt; en los otros dos campos.</source>
        <translation>Under &lt;b&gt;Access Token and Secret&lt;/b&gt; press &lt;b&gt;Generate&lt;/b&gt; and check that it says “Read and Write” (if you generated it before changing the permissions, press &lt;b&gt;Regenerate&lt;/b&gt;: the old one stays read-only). Copy the &lt;b&gt;Access Token&lt;/b&gt; and the &lt;b&gt;Access Token Secret&lt;/b&gt; into the other two fields.</translation>
    </message>
    <message>
        <source>Pulse &lt;b&gt;Comprobar y guardar&lt;/b&gt;: la aplicación pregunta a X quién es la cuenta (no publica nada). Las cuatro claves se guardan solo en {store}.</source>
        <translation>Press &lt;b&gt;Check and save&lt;/b&gt;: the application asks X who the account is (it posts nothing). The four keys are kept only in {store}.</translation>
    </message>
</context>
</TS>
