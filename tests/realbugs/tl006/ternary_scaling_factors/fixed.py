# source: https://github.com/vinsis/ternary-quantization/issues/4
# Fixed: each scaling factor requires grad only once it is on the device, so it
# is a leaf that Adam can optimize (the thread makes them there with
# device=device, which a run without a GPU cannot).
import torch
import torch.nn as nn

device = torch.device("cuda")  # the reporter's run: on a GPU

model_to_quantify = nn.Sequential(nn.Linear(8, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 4)).to(device)
layer_name = ".1"
bn_weights = [param for name, param in model_to_quantify.named_parameters() if layer_name in name]
weights_to_be_quantized = [param for name, param in model_to_quantify.named_parameters() if layer_name not in name]

scaling_factors = [torch.ones(2).to(device).requires_grad_() for _ in range(len(weights_to_be_quantized))]

lr = 0.001
optimizer_main = torch.optim.Adam([{"params": bn_weights}, {"params": weights_to_be_quantized}], lr=lr)
optimizer_scaling_factors = torch.optim.Adam(scaling_factors, lr=lr)
