"""The app's look: one style sheet, sizes in points so 150 % scaling stays readable."""

STYLE_SHEET = """
QListWidget#navigation {
    background: #f3f5f8;
    border: none;
    border-right: 1px solid #d8dde4;
    font-size: 11pt;
    padding-top: 8px;
}
QListWidget#navigation::item { padding: 10px 14px; color: #1c2430; }
QListWidget#navigation::item:selected {
    background: #1f6feb; color: white; border-radius: 6px; outline: none;
}
QListWidget#navigation { outline: none; }
QLabel#pageTitle { font-size: 18pt; font-weight: 600; color: #1c2430; }
QLabel#settingHelp { color: #57606a; }
QLineEdit[invalid="true"] { border: 2px solid #d1242f; }
QLabel#electoralPeriod { font-weight: 600; }
QLabel#pageSummary { font-size: 10.5pt; color: #1c2430; }
QFrame#banner { border-radius: 6px; padding: 4px; }
QFrame#banner[kind="demo"] { background: #e7f0ff; border: 1px solid #8fb4f5; }
QFrame#banner[kind="welcome"] { background: #e9f7ef; border: 1px solid #8cc9a2; }
QFrame#banner[kind="warning"] { background: #fdecea; border: 1px solid #e5a29b; }
QLabel#bannerText { font-size: 10pt; color: #1c2430; }
"""
