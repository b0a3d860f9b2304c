# source: https://stackoverflow.com/questions/53419474/pytorch-nn-dropout-vs-f-dropout
# The answer's Model2: an nn.Dropout module made in __init__, which shuts
# dropout off as soon as the model enters evaluation mode.
import torch
import torch.nn as nn


class Model2(nn.Module):
    # Model 2 using dropout module
    def __init__(self, p=0.0):
        super().__init__()
        self.drop_layer = nn.Dropout(p=p)

    def forward(self, inputs):
        return self.drop_layer(inputs)


torch.manual_seed(0)
model2 = Model2(p=0.5)  # dropout module
# creating inputs
inputs = torch.rand(10)
# forwarding inputs in train mode
print('Normal (train) model:')
print('Model 2', model2(inputs))
# switching to eval mode
model2.eval()
# forwarding inputs in evaluation mode
print('Evaluation mode:')
print('Model 2', model2(inputs))
