# source: https://github.com/Safe-DS/Library/issues/581
# The fix (Safe-DS/Library#645, which closes the issue): a ForwardLayer may have
# no activation function ("none"), and the classifier's last layer uses none
# when it has more than two outputs, so CrossEntropyLoss gets logits.
import copy

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def _create_internal_model(input_size, output_size, activation_function):
    class _InternalLayer(nn.Module):
        def __init__(self, input_size, output_size, activation_function):
            super().__init__()
            self._layer = nn.Linear(input_size, output_size)
            match activation_function:
                case "sigmoid":
                    self._fn = nn.Sigmoid()
                case "relu":
                    self._fn = nn.ReLU()
                case "softmax":
                    self._fn = nn.Softmax()
                case "none":
                    self._fn = None
                case _:
                    raise ValueError("Unknown Activation Function: " + activation_function)

        def forward(self, x):
            return self._fn(self._layer(x)) if self._fn is not None else self._layer(x)

    return _InternalLayer(input_size, output_size, activation_function)


class ForwardLayer:
    def __init__(self, output_size, input_size=None):
        self._input_size = input_size
        self.output_size = output_size

    def _get_internal_layer(self, activation_function):
        return _create_internal_model(self._input_size, self.output_size, activation_function)

    def _set_input_size(self, input_size):
        self._input_size = input_size


class _InternalModel(nn.Module):
    def __init__(self, layers, is_for_classification):
        super().__init__()
        internal_layers = []
        previous_output_size = None
        for layer in layers:
            if previous_output_size is not None:
                layer._set_input_size(previous_output_size)
            internal_layers.append(layer._get_internal_layer(activation_function="relu"))
            previous_output_size = layer.output_size
        if is_for_classification:
            internal_layers.pop()
            if layers[-1].output_size > 2:
                internal_layers.append(layers[-1]._get_internal_layer(activation_function="none"))
            else:
                internal_layers.append(layers[-1]._get_internal_layer(activation_function="sigmoid"))
        self._pytorch_layers = nn.Sequential(*internal_layers)

    def forward(self, x):
        for layer in self._pytorch_layers:
            x = layer(x)
        return x


class NeuralNetworkClassifier:
    def __init__(self, layers):
        self._model = _InternalModel(layers, is_for_classification=True)
        self._num_of_classes = layers[-1].output_size

    def fit(self, features, target, epoch_size=2, batch_size=4, learning_rate=0.001):
        copied_model = copy.deepcopy(self)
        # one-hot float targets, as the tabular dataset's data loader gives them
        targets = torch.nn.functional.one_hot(target, num_classes=copied_model._num_of_classes).to(torch.float32)
        dataloader = DataLoader(TensorDataset(features, targets), batch_size=batch_size, shuffle=True)
        if copied_model._num_of_classes > 1:
            loss_fn = nn.CrossEntropyLoss()
        else:
            loss_fn = nn.BCELoss()
        optimizer = torch.optim.SGD(copied_model._model.parameters(), lr=learning_rate)
        for _ in range(epoch_size):
            for x, y in iter(dataloader):
                optimizer.zero_grad()
                pred = copied_model._model(x)
                loss = loss_fn(pred, y)
                loss.backward()
                optimizer.step()
        copied_model._model.eval()
        return copied_model


torch.manual_seed(0)
model = NeuralNetworkClassifier([ForwardLayer(input_size=4, output_size=8), ForwardLayer(output_size=3)])
features = torch.randn(8, 4)
target = torch.randint(0, 3, (8,))
fitted_model = model.fit(features, target)
