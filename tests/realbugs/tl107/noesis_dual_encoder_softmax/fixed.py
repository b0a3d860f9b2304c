# source: https://github.com/IBM/dstc-noesis/issues/18
# The fix the maintainers agreed to: the model returns its logits.
import torch
import torch.nn as nn
from torch.nn import CrossEntropyLoss


class DualEncoder(nn.Module):
    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden_size)
        self.context_encoder = nn.Linear(hidden_size, hidden_size)

    def forward(self, context, options):
        c = self.context_encoder(self.embedding(context).mean(1))
        o = self.embedding(options).mean(2)
        logits = torch.bmm(o, c.unsqueeze(2)).squeeze(2)
        output = logits
        return output


class Evaluator:
    def __init__(self, loss_func=CrossEntropyLoss(), batch_size=64):
        self.loss_func = loss_func
        self.batch_size = batch_size

    def evaluate(self, model, context, options, target):
        model.eval()
        with torch.no_grad():
            output = model(context, options)
            loss = self.loss_func(output, target)
        return loss.item()


model = DualEncoder(vocab_size=50, hidden_size=16)
evaluator = Evaluator()
context = torch.randint(0, 50, (4, 12))
options = torch.randint(0, 50, (4, 10, 6))
target = torch.randint(0, 10, (4,))
dev_loss = evaluator.evaluate(model, context, options, target)
