"""What torch does, apart from how Python runs: the API table (`table.py`), the
transfer functions of ops by family (`ops/`), autograd's view and in-place
bookkeeping (`autograd.py`), `torch.nn` modules and losses (`nn.py`), and the
entry the walker calls (`tensors.py`). Nothing here imports the walker."""
