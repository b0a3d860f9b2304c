# source: https://github.com/llvm/torch-mlir/pull/1647
# examples/eager_mode.py wraps a tensor that requires grad in the eager-mode
# tensor subclass, which transfers its data to the reference backend.
import torch

from refbackend import RefBackend

backend = RefBackend()


class TorchMLIRTensor:
    def __init__(self, elem):
        self.elem = backend.transfer_from_torch_to_device(elem)
        self.shape = elem.shape


torch_a = torch.randn(5, requires_grad=True)
torch_b = torch.randn(5, requires_grad=True)
a = TorchMLIRTensor(torch_a)
b = TorchMLIRTensor(torch_b)
