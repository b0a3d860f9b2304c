# source: https://github.com/mlelarge/graph_neural_net/pull/37
# The PR's fix: the cross-entropy of each graph is taken on the raw scores.
import torch
import torch.nn as nn


def get_device(t):
    if t.is_cuda:
        return t.get_device()
    return 'cpu'


class triplet_loss(nn.Module):
    def __init__(self, loss_reduction='mean', loss=nn.CrossEntropyLoss(reduction='sum')):
        super(triplet_loss, self).__init__()
        self.loss = loss
        if loss_reduction == 'mean':
            self.increments = lambda new_loss, n_vertices: (new_loss, n_vertices)
        elif loss_reduction == 'mean_of_mean':
            self.increments = lambda new_loss, n_vertices: (new_loss / n_vertices, 1)
        else:
            raise ValueError('Unknown loss_reduction parameters {}'.format(loss_reduction))

    def forward(self, raw_scores, target_dummy):
        """raw_scores is the output of the siamese network (bs, n_vertices, n_vertices)"""
        device = get_device(raw_scores)
        loss = 0
        total = 0
        for out in raw_scores:
            n_vertices = out.shape[0]
            ide = torch.arange(n_vertices)
            target = ide.to(device)
            incrs = self.increments(self.loss(out, target), n_vertices)
            loss += incrs[0]
            total += incrs[1]
        return loss / total


class Siamese(nn.Module):
    def __init__(self, in_features=3, embed=8):
        super().__init__()
        self.gnn = nn.Sequential(nn.Linear(in_features, embed), nn.ReLU(), nn.Linear(embed, embed))

    def forward(self, data):
        x1 = self.gnn(data[:, 0])
        x2 = self.gnn(data[:, 1])
        return torch.bmm(x1, x2.transpose(1, 2))


class Helper:
    def __init__(self, criterion):
        self.criterion = criterion


def train_triplet(train_loader, model, optimizer, helper, device):
    model.train()
    for i, (data, target) in enumerate(train_loader):
        data = data.to(device)
        target_deviced = target.to(device)
        raw_scores = model(data)
        loss = helper.criterion(raw_scores, target_deviced)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


torch.manual_seed(0)
model = Siamese()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
helper = Helper(triplet_loss())
train_loader = [(torch.randn(2, 2, 6, 3), torch.empty(2)) for _ in range(2)]
train_triplet(train_loader, model, optimizer, helper, 'cpu')
