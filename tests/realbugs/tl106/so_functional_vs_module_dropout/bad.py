# source: https://stackoverflow.com/questions/53419474/pytorch-nn-dropout-vs-f-dropout
# Asked what differs between nn.Dropout and F.dropout, an answer shows
# Model1, whose forward returns nn.functional.dropout(inputs, p=self.p,
# training=True), run on the same inputs in train mode and then after
# model1.eval(): its printed output in evaluation mode still has zeroed and
# rescaled elements.
import torch
import torch.nn as nn


class Model1(nn.Module):
    # Model 1 using functional dropout
    def __init__(self, p=0.0):
        super().__init__()
        self.p = p

    def forward(self, inputs):
        return nn.functional.dropout(inputs, p=self.p, training=True)  # error: TL106


torch.manual_seed(0)
model1 = Model1(p=0.5)  # functional dropout
# creating inputs
inputs = torch.rand(10)
# forwarding inputs in train mode
print('Normal (train) model:')
print('Model 1', model1(inputs))
# switching to eval mode
model1.eval()
# forwarding inputs in evaluation mode
print('Evaluation mode:')
print('Model 1', model1(inputs))
