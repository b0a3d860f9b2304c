# source: https://github.com/llvm/torch-mlir/pull/1647
import numpy as np


class RefBackend:
    def transfer_from_torch_to_device(self, tensor):
        return tensor.detach().numpy()

    def transfer_from_device_to_torch(self, array):
        import torch
        return torch.from_numpy(np.ascontiguousarray(array))
