"""Public views of the 政府信息公开专栏 (one module per sub-column)."""
