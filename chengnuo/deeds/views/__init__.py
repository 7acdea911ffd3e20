"""Deed pages: reporting and deciding (reports), stars and regional lists (stars), and the
public form and list (public)."""
