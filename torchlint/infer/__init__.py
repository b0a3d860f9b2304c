"""The abstract interpreter of tensor facts shared by every rule."""
