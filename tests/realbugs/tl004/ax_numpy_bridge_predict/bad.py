# source: https://github.com/facebook/Ax/issues/393
# The numpy model bridge converts observation features to tensors before calling
# the torch model; in prediction the features were already converted once.
import numpy as np
import torch


class TorchModel:
    def __init__(self, train_X, train_Y):
        self.mean = train_Y.mean()
        self.train_X = train_X

    def predict(self, X):
        d = torch.cdist(X, self.train_X)
        w = torch.softmax(-d, dim=1)
        return w.sum(1, keepdim=True) * self.mean


class TorchModelBridge:
    def __init__(self, dtype=torch.double, device="cpu"):
        self.dtype = dtype
        self.device = device
        self.model = None

    def _array_to_tensor(self, array):
        return torch.tensor(array, dtype=self.dtype, device=self.device)  # error: TL004

    def fit(self, X, Y):
        self.model = TorchModel(self._array_to_tensor(X), self._array_to_tensor(Y))

    def _model_predict(self, X):
        X = self._array_to_tensor(X)
        return self.model.predict(X)

    def predict(self, observation_features):
        X = self._array_to_tensor(np.asarray(observation_features))
        return self._model_predict(X)


bridge = TorchModelBridge()
bridge.fit(np.random.rand(10, 2), np.random.rand(10, 1))
bridge.predict([[0.2, 0.3], [0.5, 0.9]])
