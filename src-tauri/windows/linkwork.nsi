; Linkwork's per-user installer for Windows 10 and 11, built on Linux by makensis (scripts/windows.sh).
; No administrator rights: it installs under %LOCALAPPDATA%\Programs\Linkwork, adds a Start menu
; entry and an entry in the user's "Apps" list, and never touches the data folder, which the
; uninstaller leaves in place. Silent: `/S` (and `/D=folder` to choose where, last on the line).
;
; makensis -DCOMPRESSOR="/SOLID lzma" -DVERSION=… -DSTAGE=<folder of files> -DOUT=<installer.exe>
;          -DICON=<icon.ico> -DSIZE_KB=… linkwork.nsi

Unicode true
Target amd64-unicode
SetCompressor ${COMPRESSOR}
RequestExecutionLevel user
ManifestDPIAware true

!define PRODUCT "Linkwork"
!define PUBLISHER "Linkwork"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Linkwork"
!define UNINSTALLER "Uninstall Linkwork.exe"
; The WebView2 Runtime's client id (Microsoft's documented way to tell it is installed).
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCT}"
OutFile "${OUT}"
Icon "${ICON}"
UninstallIcon "${ICON}"
InstallDir "$LOCALAPPDATA\Programs\Linkwork"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "Linkwork contributors, AGPL-3.0-or-later"
VIAddVersionKey "FileDescription" "${PRODUCT} installer (per user, no administrator rights)"

LicenseData "${STAGE}\LICENCE.txt"
Page license
Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Linkwork"
  SetRegView 64
  Call CheckWebView2
  SetOutPath "$INSTDIR"
  File "${STAGE}\linkwork-desktop.exe"
  File "${STAGE}\linkwork.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\LICENCE.txt"
  File "${STAGE}\third-party-licences.txt"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  CreateShortCut "$SMPROGRAMS\Linkwork.lnk" "$INSTDIR\linkwork-desktop.exe" "" "$INSTDIR\linkwork-desktop.exe" 0 SW_SHOWNORMAL "" "A social prescribing link worker's caseload, encrypted on this laptop"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\linkwork-desktop.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

; The desktop window needs Microsoft's WebView2 Runtime (part of current Windows 10 and 11). When
; it is missing, say so and how to get it, rather than leaving a window that will not open; the
; install goes on, as the command line (linkwork.exe) needs no WebView2.
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  StrCmp $0 "" 0 +2
  ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_KEY}" "pv"
  StrCmp $0 "" 0 +2
  ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  StrCmp $0 "" missing
  StrCmp $0 "0.0.0.0" missing
  DetailPrint "WebView2 Runtime $0 found."
  Return
missing:
  DetailPrint "The Microsoft Edge WebView2 Runtime is not installed: the Linkwork window needs it. Get it from ${WEBVIEW2_URL}"
  MessageBox MB_OK|MB_ICONEXCLAMATION "Linkwork's window needs the Microsoft Edge WebView2 Runtime, which is part of current Windows 10 and 11 but is missing on this computer.$\r$\n$\r$\nAsk your IT department to install it, or install Microsoft's Evergreen Bootstrapper from:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nLinkwork will be installed now; its window opens once WebView2 is there." /SD IDOK
FunctionEnd

Section "Uninstall"
  SetRegView 64
  Delete "$SMPROGRAMS\Linkwork.lnk"
  Delete "$INSTDIR\linkwork-desktop.exe"
  Delete "$INSTDIR\linkwork.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\LICENCE.txt"
  Delete "$INSTDIR\third-party-licences.txt"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The vault (%LOCALAPPDATA%\org.linkwork.desktop) and backups are the person's records: kept.
  DetailPrint "Your Linkwork data is kept in $LOCALAPPDATA\org.linkwork.desktop (encrypted). Delete it yourself only when it is backed up or no longer needed."
SectionEnd
