# source: https://github.com/shuaizzZ/Recall-Loss-PyTorch/issues/1
# An unofficial Recall Loss: the prediction is the index torch.max returns,
# turned into a one-hot map with scatter_, and the recall is computed from that
# map and the one-hot target. The index has no gradient, so training with this
# loss fails at backward (the reporter asks how the author trained with it).
import torch
import torch.nn as nn


class RecallLoss(nn.Module):
    def __init__(self, weight=None):
        super(RecallLoss, self).__init__()
        if weight is not None:
            weight = torch.Tensor(weight)
            self.weight = weight / torch.sum(weight)
        self.smooth = 1e-5

    def forward(self, input, target):
        N, C = input.size()[:2]
        _, predict = torch.max(input, 1)

        predict = predict.view(N, 1, -1)
        target = target.view(N, 1, -1)
        last_size = target.size(-1)

        predict_onehot = torch.zeros((N, C, last_size)).cuda()
        predict_onehot.scatter_(1, predict, 1)
        target_onehot = torch.zeros((N, C, last_size)).cuda()
        target_onehot.scatter_(1, target, 1)

        true_positive = torch.sum(predict_onehot * target_onehot, dim=2)
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
    loss.backward()  # error: TL011
    optimizer.step()
