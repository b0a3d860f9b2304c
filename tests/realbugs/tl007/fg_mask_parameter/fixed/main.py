# source: https://github.com/jiasenlu/NeuralBabyTalk/issues/26
# Fixed as the thread says: the mask is a Parameter that does not require grad.
import argparse

import torch

import AttModel

opt = argparse.Namespace(rnn_size=16, fg_size=5)
opt.fg_mask = torch.tensor([[1, 1, 0, 0, 0], [0, 0, 1, 1, 1]])
model = AttModel.TopDownModel(opt)
print(model(torch.randn(2, 16), torch.tensor([0, 1])).shape)
