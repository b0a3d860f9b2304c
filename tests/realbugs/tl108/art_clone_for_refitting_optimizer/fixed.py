# source: https://github.com/Trusted-AI/adversarial-robustness-toolbox/issues/1579
# ART's ShadowModels makes its shadow models with the template classifier's
# PyTorchClassifier.clone_for_refitting(): the model is copied with
# copy.deepcopy(self.model) and its weights reset, but the clone is handed the
# template's optimizer (optimizer=self._optimizer, and set_params copies the
# template's parameters, the optimizer among them, back onto the clone). The
# reporter's shadow models were never trained while the original model's
# parameters changed: the optimizer still binds to the original model's
# parameters. A small classifier with the same methods stands in for ART's.
import copy

import numpy as np
import torch
import torch.nn as nn


class PyTorchClassifier:
    estimator_params = ("model", "loss", "optimizer", "input_shape", "nb_classes")

    def __init__(self, model, loss, input_shape, nb_classes, optimizer=None):
        self._model = model
        self._loss = loss
        self._input_shape = input_shape
        self._nb_classes = nb_classes
        self._optimizer = optimizer

    @property
    def model(self):
        return self._model

    @property
    def loss(self):
        return self._loss

    @property
    def optimizer(self):
        return self._optimizer

    @property
    def input_shape(self):
        return self._input_shape

    @property
    def nb_classes(self):
        return self._nb_classes

    def get_params(self):
        return {key: getattr(self, key) for key in self.estimator_params}

    def set_params(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, "_" + key, value)

    def fit(self, x, y, batch_size=4, nb_epochs=2):
        self._model.train()
        y = np.argmax(y, axis=1)
        for _ in range(nb_epochs):
            for m in range(0, len(x), batch_size):
                i_batch = torch.from_numpy(x[m:m + batch_size])
                o_batch = torch.from_numpy(y[m:m + batch_size])
                self._optimizer.zero_grad()
                loss = self._loss(self._model(i_batch), o_batch)
                loss.backward()
                self._optimizer.step()

    def predict(self, x):
        self._model.eval()
        with torch.no_grad():
            return torch.softmax(self._model(torch.from_numpy(x)), dim=1).numpy()

    def clone_for_refitting(self):
        model = copy.deepcopy(self.model)
        # PR #1580: an optimizer of the same type and settings, over the copy's parameters
        new_optimizer = type(self._optimizer)(model.parameters(), **self._optimizer.defaults)

        clone = type(self)(model, self._loss, self.input_shape, self.nb_classes, optimizer=new_optimizer)
        # reset weights
        clone.reset()
        params = self.get_params()
        del params["model"]
        del params["optimizer"]  # PR #1742: set_params no longer puts the template's back
        clone.set_params(**params)
        return clone

    def reset(self):
        def weight_reset(module):
            reset_parameters = getattr(module, "reset_parameters", None)
            if reset_parameters and callable(reset_parameters):
                module.reset_parameters()

        self.model.apply(weight_reset)


class ShadowModels:
    def __init__(self, shadow_model_template, num_shadow_models=3):
        self._shadow_models = [shadow_model_template.clone_for_refitting() for _ in range(num_shadow_models)]

    def get_shadow_models(self):
        return self._shadow_models

    def generate_shadow_dataset(self, x, y, member_ratio=0.5):
        shadow_dataset_size = len(x) // len(self._shadow_models)
        member_prediction = []
        for i, shadow_model in enumerate(self._shadow_models):
            shadow_x = x[shadow_dataset_size * i:shadow_dataset_size * (i + 1)]
            shadow_y = y[shadow_dataset_size * i:shadow_dataset_size * (i + 1)]
            shadow_x_train = shadow_x[:int(member_ratio * shadow_dataset_size)]
            shadow_y_train = shadow_y[:int(member_ratio * shadow_dataset_size)]
            shadow_model.fit(shadow_x_train, shadow_y_train)
            member_prediction.append(shadow_model.predict(shadow_x_train))
        return np.concatenate(member_prediction)


model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
art_classifier = PyTorchClassifier(model, nn.CrossEntropyLoss(), input_shape=(6,), nb_classes=3,
                                   optimizer=optimizer)

np.random.seed(0)
torch.manual_seed(0)
x = np.random.rand(16, 6).astype(np.float32)
y = np.eye(3, dtype=np.float32)[np.random.randint(0, 3, 16)]
shadow_models = ShadowModels(art_classifier, num_shadow_models=1)
print(shadow_models.generate_shadow_dataset(x, y).shape)
