; Redline installer: a per-user install under %LOCALAPPDATA%\Programs\Redline
; that needs no administrator rights, so it works on locked-down NHS laptops.
;
; Built by `make installer`, which passes these defines:
;   VERSION       e.g. 0.1.0 (shown to people)
;   VERSION_QUAD  e.g. 0.1.0.0 (Windows version resource)
;   APP_EXE       path to redline.exe
;   CLI_EXE       path to redline-cli.exe
;   WEBVIEW2_SETUP path to Microsoft's WebView2 bootstrapper
;   OUTFILE       path of the installer to write
;   SIGN_CMD      optional: command that signs the file named by %1
;
; The uninstaller removes the program only. The data folder (%APPDATA%\Redline:
; database, evidence vault, audit log) is left in place: deleting evidence is
; a decision for the trust's retention policy, not for an uninstaller.

Unicode true
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!macro REQUIRE NAME
  !ifndef ${NAME}
    !error "${NAME} is not defined: build the installer with make installer"
  !endif
!macroend
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE VERSION_QUAD
!insertmacro REQUIRE APP_EXE
!insertmacro REQUIRE CLI_EXE
!insertmacro REQUIRE WEBVIEW2_SETUP
!insertmacro REQUIRE OUTFILE

!ifdef SIGN_CMD
  !finalize '${SIGN_CMD} "%1"'
  !uninstfinalize '${SIGN_CMD} "%1"'
!endif

!define PRODUCT "Redline"
!define PUBLISHER "Redline developers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Redline"
!define SETTINGS_KEY "Software\Redline"
; Microsoft's product code for the Evergreen WebView2 Runtime.
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT} ${VERSION}"
FileErrorText "Could not write $\r$\n$0$\r$\n$\r$\nIf Redline is open, close it and click Retry."

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey "FileDescription" "${PRODUCT} ${VERSION} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "../icon.ico"
!define MUI_UNICON "../icon.ico"
!define MUI_WELCOMEFINISHPAGE_BITMAP "welcome.bmp" ; drawn by scripts/appicon
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_NOAUTOCLOSE
!define MUI_UNFINISHPAGE_NOAUTOCLOSE

!define MUI_WELCOMEPAGE_TEXT "This will install ${PRODUCT} ${VERSION} for your Windows account only. No administrator rights are needed.$\r$\n$\r$\n${PRODUCT} keeps its data (database, evidence and audit log) in $APPDATA\${PRODUCT}.$\r$\n$\r$\nClick Next to continue."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\redline.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${PRODUCT} now"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT} will be removed from the folder below.$\r$\n$\r$\nYour data in $APPDATA\${PRODUCT} (cases, evidence, audit log) will NOT be deleted. Remove it by hand only when your trust's retention policy allows."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  SetShellVarContext current
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT} needs Windows 10 or Windows 11." /SD IDOK
    SetErrorLevel 64
    Quit
  ${EndIf}
  ${IfNot} ${IsNativeAMD64}
    MessageBox MB_OK|MB_ICONSTOP "This ${PRODUCT} installer is for 64-bit Intel or AMD PCs (x64)." /SD IDOK
    SetErrorLevel 65
    Quit
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

; WebView2Present sets $0 to the runtime's version, or "" when it is missing.
; Checked per machine (64-bit Windows keeps it under WOW6432Node) and per user.
Function WebView2Present
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  SetRegView lastused
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

; EnsureWebView2 runs Microsoft's bootstrapper when the runtime is missing. It
; downloads the runtime (internet needed) and installs it for this user
; without administrator rights. Failure is not fatal: IT can deploy the
; runtime later and Redline starts once it is there.
Function EnsureWebView2
  Call WebView2Present
  ${If} $0 != ""
    DetailPrint "Microsoft Edge WebView2 Runtime $0 is installed."
    Return
  ${EndIf}
  DetailPrint "Installing the Microsoft Edge WebView2 Runtime (needs internet access)..."
  InitPluginsDir
  SetOutPath "$PLUGINSDIR"
  File "/oname=MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_SETUP}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
  Call WebView2Present
  ${If} $0 == ""
    DetailPrint "WebView2 Runtime setup did not finish (exit code $1)."
    MessageBox MB_OK|MB_ICONEXCLAMATION "${PRODUCT} needs the Microsoft Edge WebView2 Runtime, which could not be installed (exit code $1). The setup needs internet access.$\r$\n$\r$\nAsk your IT service desk to install the 'WebView2 Evergreen Runtime'. ${PRODUCT} will start once it is present." /SD IDOK
  ${EndIf}
FunctionEnd

Section "Redline" SecMain
  SectionIn RO
  Call EnsureWebView2

  SetOutPath "$INSTDIR"
  File "/oname=redline.exe" "${APP_EXE}"
  File "/oname=redline-cli.exe" "${CLI_EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\redline.exe" "" "$INSTDIR\redline.exe" 0 SW_SHOWNORMAL "" "Lone-worker incident workbench"

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\redline.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; Only files the installer wrote; RMDir without /r leaves the folder if the
  ; user put anything else in it.
  Delete "$INSTDIR\redline.exe"
  Delete "$INSTDIR\redline-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"

  DetailPrint "Kept your data folder: $APPDATA\${PRODUCT}"
  MessageBox MB_OK|MB_ICONINFORMATION "${PRODUCT} has been removed.$\r$\n$\r$\nYour data folder was kept: $APPDATA\${PRODUCT}$\r$\nIt holds the database, the evidence vault and the audit log. Delete it by hand only when your trust's retention policy allows (or reinstall ${PRODUCT} to use it again)." /SD IDOK
SectionEnd
