# source: https://github.com/dillondavis/RecurrentAttentionConvolutionalNeuralNetwork/issues/4
# The manager's do_batch adds a ranking loss between the scores of consecutive
# scales; it works with batch_size=1 and fails with batch_size=32.
import torch
import torch.nn as nn
import torch.nn.functional as F


def rank_loss(scores1, scores2, target, margin=0.05):
    ps1 = F.softmax(scores1, dim=1).gather(1, target.long().view(-1, 1))
    ps2 = F.softmax(scores2, dim=1).gather(1, target.long().view(-1, 1))
    return torch.clamp(ps1 - ps2 + margin, min=0)


class Manager:
    def __init__(self, model, num_scales=3):
        self.model = model
        self.num_scales = num_scales
        self.criterion_rank = rank_loss

    def do_batch(self, optimizer, batch, label):
        optimizer.zero_grad()
        scores = [self.model[i](batch) for i in range(self.num_scales)]
        for i in range(1, self.num_scales):
            retain_graph = i < self.num_scales - 1
            self.criterion_rank(scores[i - 1], scores[i], label).backward(retain_graph=retain_graph)  # error: TL003
        optimizer.step()


scales = nn.ModuleList([nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, 20)) for _ in range(3)])
manager = Manager(scales)
optimizer = torch.optim.SGD(scales.parameters(), lr=0.01)
manager.do_batch(optimizer, torch.randn(32, 3, 16, 16), torch.randint(0, 20, (32,)))
