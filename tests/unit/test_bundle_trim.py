"""What the bundle leaves out (packaging/bundle_trim.py), checked without a build."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_trim() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_trim", ROOT / "packaging" / "bundle_trim.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = load_trim()


def test_only_spanish_and_english_qt_translations_stay() -> None:
    keep = trim.keep_datum
    assert keep("PySide6/Qt/translations/qtbase_es.qm")
    assert keep("PySide6/Qt/translations/qt_en.qm")
    assert keep("PySide6\\Qt\\translations\\qt_help_es.qm")  # Windows separators
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/qt_zh_CN.qm")
    assert not keep("PySide6/Qt/translations/qt_help_pt_BR.qm")
    assert keep("resources/translations/smalltown_social_en.qm")  # ours, not Qt's
    assert keep("resources/guidance/es.json")


def test_plugins_a_desktop_uses_stay() -> None:
    dropped = trim.plugin_dropped
    for kept in (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\Qt\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6\\Qt\\plugins\\imageformats\\qgif.dll",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",  # the status bar
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6Network.so.6",
    ):
        assert not dropped(kept), kept
    for gone in (
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6\\Qt\\plugins\\tls\\qschannelbackend.dll",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6\\Qt\\plugins\\platforms\\qdirect2d.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    ):
        assert dropped(gone), gone


def imports_from(graph: dict[str, list[str]]) -> object:
    def imports_of(source: str) -> Iterable[str]:
        return graph.get(source, [])

    return imports_of


def entry(dest: str) -> tuple[str, str, str]:
    return (dest, "/src/" + dest, "BINARY")


def test_libraries_only_a_dropped_plugin_needed_go_with_it() -> None:
    binaries = [
        entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
        entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
        entry("libgtk-3.so.0"),
        entry("libcairo.so.2"),
        entry("libglib-2.0.so.0"),
        entry("PySide6/Qt/lib/libQt6Gui.so.6"),
    ]
    graph = {
        "/src/PySide6/Qt/plugins/platformthemes/libqgtk3.so": [
            "libgtk-3.so.0",
            "libQt6Gui.so.6",
        ],
        "/src/libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
        "/src/PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6Gui.so.6", "libglib-2.0.so.0"],
    }
    kept, datas, gone = trim.trim(binaries, [], imports_from(graph))
    names = {dest for dest, _, _ in kept}
    assert names == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libglib-2.0.so.0",  # xcb needs it too
    }
    assert "libgtk-3.so.0" in gone and "libcairo.so.2" in gone
    assert datas == []


def test_windows_dll_names_match_whatever_their_case() -> None:
    binaries = [
        entry("PySide6\\Qt\\plugins\\tls\\qopensslbackend.dll"),
        entry("libssl-3.dll"),
        entry("_ssl.pyd"),
    ]
    graph = {
        "/src/PySide6\\Qt\\plugins\\tls\\qopensslbackend.dll": ["LIBSSL-3.DLL"],
        "/src/_ssl.pyd": ["libssl-3.dll"],
    }
    kept, _, gone = trim.trim(binaries, [], imports_from(graph))
    assert {dest for dest, _, _ in kept} == {"libssl-3.dll", "_ssl.pyd"}  # Python's ssl keeps it
    assert gone == ["PySide6/Qt/plugins/tls/qopensslbackend.dll"]


def test_links_to_what_was_left_out_go_too() -> None:
    binaries = [
        entry("PySide6/Qt/plugins/platforms/libqeglfs.so"),
        entry("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6"),
        entry("PySide6/Qt/lib/libQt6Gui.so.6"),
    ]
    graph = {
        "/src/PySide6/Qt/plugins/platforms/libqeglfs.so": ["libQt6EglFSDeviceIntegration.so.6"],
    }
    datas = [
        (
            "libQt6EglFSDeviceIntegration.so.6",
            "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
            "SYMLINK",
        ),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    _, kept_datas, gone = trim.trim(binaries, datas, imports_from(graph))
    assert [dest for dest, _, _ in kept_datas] == ["libQt6Gui.so.6"]  # no dangling link
    assert "libQt6EglFSDeviceIntegration.so.6" in gone
