"""The Cuentas page and the add-account wizard."""
