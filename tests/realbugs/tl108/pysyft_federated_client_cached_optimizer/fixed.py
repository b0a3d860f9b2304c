# source: https://github.com/OpenMined/PySyft/pull/2268
# PySyft's FederatedClient (the worker side of remote training with a
# TrainConfig) builds its SGD optimizer from the model's parameters the first
# time fit() is called and keeps it in self.optimizer; _build_optimizer()
# returns the kept one on later calls. When a second TrainConfig is sent, the
# worker gets a new copy of the model, but set_obj() only stores the new config:
# the PR says the client was using an outdated optimizer when receiving a new
# TrainConfig, and resets self.optimizer there (its test trains twice on the
# same worker). Sending is stood in for by storing a copy.deepcopy of the model
# on the worker, as serializing it to the worker makes a new module there.
import copy

import torch as th
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import BatchSampler, SequentialSampler


class ObjectStorage:
    def __init__(self):
        self._objects = {}

    def set_obj(self, obj):
        self._objects[obj.id] = obj

    def get_obj(self, obj_id):
        return self._objects[obj_id]


class ObjectWrapper:
    def __init__(self, id, obj):
        self.id = id
        self.obj = obj


class TrainConfig:
    _next_id = 0

    def __init__(self, model, loss_fn, batch_size=32, epochs=1, optimizer="sgd", lr=0.1):
        self.model = model
        self.loss_fn = loss_fn
        self.batch_size = batch_size
        self.epochs = epochs
        self.optimizer = optimizer
        self.lr = lr
        self._model_id = None
        self._loss_fn_id = None

    def _wrap_and_send_obj(self, obj, location):
        TrainConfig._next_id += 1
        location.set_obj(ObjectWrapper(id=TrainConfig._next_id, obj=copy.deepcopy(obj)))
        return TrainConfig._next_id

    def send(self, location):
        self._model_id = self._wrap_and_send_obj(self.model, location)
        self._loss_fn_id = self._wrap_and_send_obj(self.loss_fn, location)
        location.set_obj(self)


class FederatedClient(ObjectStorage):
    """A Client able to execute federated learning in local datasets."""

    def __init__(self, datasets=None):
        super().__init__()
        self.datasets = datasets if datasets is not None else dict()
        self.optimizer = None
        self.train_config = None

    def add_dataset(self, dataset, key):
        self.datasets[key] = dataset

    def set_obj(self, obj):
        if isinstance(obj, TrainConfig):
            self.train_config = obj
            self.optimizer = None
        else:
            super().set_obj(obj)

    def _build_optimizer(self, optimizer_name, model, lr):
        if self.optimizer is not None:
            return self.optimizer

        optimizer_name = optimizer_name.lower()
        if optimizer_name == "sgd":
            self.optimizer = th.optim.SGD(model.parameters(), lr=lr)
        else:
            raise ValueError("Unknown optimizer: {}".format(optimizer_name))
        return self.optimizer

    def fit(self, dataset_key):
        if self.train_config is None:
            raise ValueError("TrainConfig not defined.")

        model = self.get_obj(self.train_config._model_id).obj
        loss_fn = self.get_obj(self.train_config._loss_fn_id).obj

        self._build_optimizer(self.train_config.optimizer, model, self.train_config.lr)

        return self._fit(model=model, dataset_key=dataset_key, loss_fn=loss_fn)

    def _create_batch_sampler(self, ds_key, drop_last=True):
        sampler = SequentialSampler(range(len(self.datasets[ds_key][0])))
        return BatchSampler(sampler, self.train_config.batch_size, drop_last)

    def _fit(self, model, dataset_key, loss_fn):
        model.train()
        loss = None
        batch_sampler = self._create_batch_sampler(dataset_key)

        for epoch in range(self.train_config.epochs):
            for data_indices in batch_sampler:
                data, target = self.datasets[dataset_key]
                data, target = data[data_indices], target[data_indices]
                self.optimizer.zero_grad()
                output = model.forward(data)
                loss = loss_fn(output, target)
                loss.backward()
                self.optimizer.step()

        return loss


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(2, 3)
        self.fc2 = nn.Linear(3, 2)
        self.fc3 = nn.Linear(2, 1)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def loss_fn(real, pred):
    return ((real.float() - pred.float()) ** 2).mean()


th.manual_seed(0)
alice = FederatedClient()
data = th.tensor([[-1, 2.0], [0, 1.1], [-1, 2.1], [0, 1.2]])
target = th.tensor([[1], [0], [1], [0]])
alice.add_dataset((data, target), key="vectors")
model = Net()

train_config_0 = TrainConfig(model=model, loss_fn=loss_fn, batch_size=2)
train_config_0.send(alice)
for epoch in range(5):
    loss = alice.fit(dataset_key="vectors")
    print("Iteration %s: alice's loss: %s" % (epoch, loss))

train_config = TrainConfig(model=model, loss_fn=loss_fn, batch_size=2)
train_config.send(alice)
for epoch in range(5):
    loss = alice.fit(dataset_key="vectors")
    print("Iteration %s: alice's loss: %s" % (epoch, loss))
