; smalltown_social: per-user installer, no administrator rights.
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUNDLE=dist/smalltown_social \
;            -DOUTFILE=dist/smalltown_social-0.1.0-setup.exe packaging/windows/installer.nsi
; scripts/package runs it (Debian's nsis package builds it on Linux as well).
; Installs into %LOCALAPPDATA%\Programs\smalltown_social; the data stay in
; %LOCALAPPDATA%\smalltown_social (paths.py), which an upgrade never touches and
; uninstalling deletes only when the clerk says so.
; The names below are shared with the app: tests/unit/test_installer_script.py
; checks them against autostart.py and background_publishing.py.

Unicode true
!ifndef VERSION
  !error "give -DVERSION=x.y.z"
!endif
!ifndef BUNDLE
  !error "give -DBUNDLE=the onedir folder (dist/smalltown_social)"
!endif
!ifndef OUTFILE
  !define OUTFILE "smalltown_social-${VERSION}-setup.exe"
!endif
!ifndef COMPRESSOR
  !define COMPRESSOR "lzma"
!endif
!ifndef ICON
  ; The programs' own icon (build.spec embeds it; scripts/make_icon.py makes it
  ; from resources/icons/app.svg). makensis runs from this script's folder.
  !define ICON "../../resources/icons/app.ico"
!endif

!define APP "smalltown_social"
!define PUBLISHER "smalltown_social"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\smalltown_social"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define RUN_VALUE "smalltown_social"
; Every task of the app is named "smalltown_social publish-due <data folder id>"
; (background_publishing.py); the program itself removes those that start it.
!define TASK_PREFIX "smalltown_social publish-due"
!define DATA_DIR "$LOCALAPPDATA\smalltown_social"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID ${COMPRESSOR}
ShowInstDetails hide
ShowUninstDetails hide
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1034 "ProductName" "${APP}"
VIAddVersionKey /LANG=1034 "FileDescription" "Instalador de ${APP}"
VIAddVersionKey /LANG=1034 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1034 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1034 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Spanish"

; A running program's files cannot be replaced or deleted on Windows. Without
; this check a silent upgrade skipped the open .exe (and would skip its loaded
; DLLs) yet exited 0 showing the new version, a mix of two versions; an
; uninstall would leave them behind with the entry gone from the installed apps
; (seen under Wine: tests/e2e/test_installer_wine.py). Opening an .exe for
; writing fails while it runs. A silent run (/S) stops with exit code 2 having
; touched nothing; the scheduled task's run lasts seconds, so Reintentar works.
!macro IS_OPEN FILE
  ${If} ${FileExists} "${FILE}"
    ClearErrors
    FileOpen $R8 "${FILE}" a
    ${If} ${Errors}
      StrCpy $R9 1
    ${Else}
      FileClose $R8
    ${EndIf}
  ${EndIf}
!macroend

!macro WAIT_UNTIL_CLOSED
  ${Do}
    StrCpy $R9 0
    !insertmacro IS_OPEN "$INSTDIR\${APP}.exe"
    !insertmacro IS_OPEN "$INSTDIR\${APP}_cli.exe"
    ${If} $R9 == 0
      ${Break}
    ${EndIf}
    ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP} está abierto y así no se puede cambiar.$\r$\n$\r$\nCiérrelo (si está junto al reloj: clic derecho en su icono, Salir) y pulse Reintentar." /SD IDCANCEL IDCANCEL`
      SetErrorLevel 2
      Abort
    ${EndIf}
  ${Loop}
!macroend

Var Upgrading  ; set by .onInit
Var TaskChosen  ; set when the publishing box is ticked

Section "smalltown_social" SecApp
  SectionIn RO
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  ; An upgrade replaces the program files whole (no stale module of the old
  ; version stays behind); the data folder is elsewhere and is left alone.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; The same value the app's own "Iniciar con Windows" writes (autostart.py).
Section /o "Iniciar al entrar en Windows" SecAutostart
  WriteRegStr HKCU "${RUN_KEY}" "${RUN_VALUE}" '"$INSTDIR\${APP}.exe"'
SectionEnd

; The program registers its own Task Scheduler task (background_publishing.py),
; so the app's Ajustes and the installer make the same task.
Section "Publicar a su hora aunque la ventana esté cerrada" SecPublishTask
  StrCpy $TaskChosen 1
  ExecWait '"$INSTDIR\${APP}.exe" background-publishing on' $0
  ${If} $0 != 0
    DetailPrint "No se pudo programar la publicación en segundo plano (código $0); actívela en Ajustes."
  ${EndIf}
SectionEnd

; An upgrade leaves the clerk's choice as it was: the box above starts unticked
; (.onInit), and unless it is ticked the program re-registers a task that is on
; (the new program; an old one-per-user task replaced) and leaves one that is off.
Section "-RefreshPublishTask"
  ${If} $Upgrading == 1
  ${AndIf} $TaskChosen != 1
    ExecWait '"$INSTDIR\${APP}.exe" background-publishing refresh' $0
    ${If} $0 != 0
      DetailPrint "No se pudo comprobar la publicación en segundo plano (código $0); mírela en Ajustes."
    ${EndIf}
  ${EndIf}
SectionEnd

; A silent install (/S) has no components page: /AUTOSTART ticks "start with
; Windows" there (off unless given, as on the page); /D=folder is NSIS's own.
Function .onInit
  StrCpy $Upgrading 0
  ReadRegStr $R2 HKCU "${UNINSTALL_KEY}" "DisplayVersion"
  ${If} $R2 != ""
    StrCpy $Upgrading 1
    !insertmacro UnselectSection ${SecPublishTask}
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AUTOSTART" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecAutostart}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  ; Before its files go: the program removes the Task Scheduler tasks that start
  ; it (this data folder's, and any --basedir folder's registered with it), and
  ; leaves a portable copy's task alone. It opens no data folder for that.
  ExecWait '"$INSTDIR\${APP}.exe" background-publishing uninstall' $0
  ${If} $0 != 0
    DetailPrint "No se pudo quitar la tarea programada (código $0): bórrela en el Programador de tareas (${TASK_PREFIX} …)."
  ${EndIf}
  DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\${APP}_cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; Silent uninstalls (/S) keep the data: only a person can say yes here.
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
    "¿Borrar también los datos de ${APP} (publicaciones, cuentas, copias de seguridad)?$\r$\n$\r$\n${DATA_DIR}$\r$\n$\r$\nSi va a volver a instalarlo, conteste No." \
    /SD IDNO IDNO keep_data
  RMDir /r "${DATA_DIR}"
  keep_data:
SectionEnd
