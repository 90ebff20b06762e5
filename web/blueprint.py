"""The app's one blueprint; :mod:`web.pages` and :mod:`web.api` add its routes."""
from flask import Blueprint

bp = Blueprint("web", __name__)
