# source: https://github.com/jiasenlu/NeuralBabyTalk/issues/26
# The training script builds its options, with the fine-grained class mask the
# dataset loader made (an integer 0/1 matrix), and creates the model, whose
# CascadeCore wraps that mask in an nn.Parameter.
import argparse

import torch

import AttModel

opt = argparse.Namespace(rnn_size=16, fg_size=5)
opt.fg_mask = torch.tensor([[1, 1, 0, 0, 0], [0, 0, 1, 1, 1]])
model = AttModel.TopDownModel(opt)
print(model(torch.randn(2, 16), torch.tensor([0, 1])).shape)
