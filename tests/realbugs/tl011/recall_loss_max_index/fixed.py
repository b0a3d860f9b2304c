# source: https://github.com/shuaizzZ/Recall-Loss-PyTorch/issues/1
# Fixed as the author answers in the thread: the true positives are taken from
# the softmax probabilities (log_softmax, exp) times the one-hot target, not
# from the one-hot of the max index.
import torch
import torch.nn as nn
import torch.nn.functional as F


class RecallLoss(nn.Module):
    def __init__(self, weight=None):
        super(RecallLoss, self).__init__()
        if weight is not None:
            weight = torch.Tensor(weight)
            self.weight = weight / torch.sum(weight)
        self.smooth = 1e-5

    def forward(self, input, target):
        N, C = input.size()[:2]
        logpt = F.log_softmax(input, dim=1)
        pt = logpt.exp().view(N, C, -1)

        target = target.view(N, 1, -1)
        target_onehot = torch.zeros(pt.size()).type_as(pt)
        target_onehot.scatter_(1, target, 1)

        true_positive = torch.sum(pt * target_onehot, dim=2)
        total_target = torch.sum(target_onehot, dim=2)
        recall = (true_positive + self.smooth) / (total_target + self.smooth)

        if hasattr(self, 'weight'):
            recall = recall * self.weight.type_as(input) * C
        recall_loss = 1 - torch.mean(recall)

        return recall_loss


model = nn.Conv2d(3, 4, kernel_size=1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = RecallLoss()
images = torch.randn(2, 3, 5, 5)
labels = torch.randint(0, 4, (2, 5, 5))

for step in range(2):
    optimizer.zero_grad()
    loss = criterion(model(images), labels)
    loss.backward()
    optimizer.step()
