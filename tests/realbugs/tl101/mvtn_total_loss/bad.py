# source: https://github.com/ajhamdi/MVTN/issues/2
# A multi-view 3D classifier trains a view-selection network (MVTN) jointly
# with a multi-view image network: per batch, the views are predicted, the
# object is "rendered" from them, the classifier's loss is backpropagated and
# both optimizers step, then the loss is added to total_loss for the epoch's
# average. The reporter's run was killed in the second epoch with its memory
# used up; changing total_loss += loss to total_loss += loss.item() stopped
# the leak, and the author updated the code.
import torch
import torch.nn as nn


class MVTN(nn.Module):
    def __init__(self, nb_views):
        super().__init__()
        self.fc = nn.Linear(3, 2 * nb_views)

    def forward(self, points):
        return torch.tanh(self.fc(points.mean(dim=1)))


class MVNetwork(nn.Module):
    def __init__(self, nb_views, num_classes):
        super().__init__()
        self.fc = nn.Linear(nb_views * 4, num_classes)

    def forward(self, rendered):
        return self.fc(rendered.flatten(1))


def render(points, views):
    return torch.cat([views, points.mean(dim=1).repeat(1, views.shape[1] // 3 + 1)[:, :views.shape[1]]], dim=1)


def train(data_loader, models_bag, setup):
    total_loss = 0.0
    for i, (targets, points) in enumerate(data_loader):
        models_bag["optimizer"].zero_grad()
        models_bag["mvtn_optimizer"].zero_grad()
        views = models_bag["mvtn"](points)
        outputs = models_bag["mvnetwork"](render(points, views))
        loss = models_bag["criterion"](outputs, targets)
        loss.backward()
        models_bag["optimizer"].step()
        models_bag["mvtn_optimizer"].step()
        total_loss += loss  # error: TL101
    return total_loss / len(data_loader)


torch.manual_seed(0)
setup = {"nb_views": 4, "epochs": 2}
mvtn = MVTN(setup["nb_views"])
mvnetwork = MVNetwork(setup["nb_views"], num_classes=5)
models_bag = {"mvtn": mvtn, "mvnetwork": mvnetwork, "criterion": nn.CrossEntropyLoss(),
              "optimizer": torch.optim.AdamW(mvnetwork.parameters(), lr=1e-3),
              "mvtn_optimizer": torch.optim.AdamW(mvtn.parameters(), lr=1e-4)}
data_loader = [(torch.randint(0, 5, (2,)), torch.rand(2, 64, 3)) for _ in range(3)]
for epoch in range(setup["epochs"]):
    print("epoch", epoch, "avg loss", float(train(data_loader, models_bag, setup)))
