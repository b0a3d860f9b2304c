# source: https://github.com/facebookresearch/inversecooking/issues/8
# Fixed as commit 3ab629c ("allow backward when training ingredient decoder")
# did: sample() returns the stacked logits themselves, not their .data.
import torch
import torch.nn as nn

from model import InverseCookingModel
from transformer_decoder import DecoderTransformer

torch.manual_seed(0)
vocab_size, embed_size, seq_length, batch_size = 6, 8, 4, 3
pad_value = vocab_size
loss_weight = [1.0, 1.0, 1.0, 1.0]

model = InverseCookingModel(nn.Linear(10, embed_size), DecoderTransformer(embed_size, vocab_size, seq_length),
                            nn.BCELoss(reduction='none'), nn.BCELoss(reduction='none'), pad_value,
                            ingrs_only=True)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

img_inputs = torch.randn(batch_size, 10)
ingr_gt = torch.tensor([[2, 3, 0, pad_value], [1, 0, pad_value, pad_value], [4, 5, 2, 0]])

for it in range(2):
    losses = model(img_inputs, ingr_gt)
    recipe_loss = 0
    ingr_loss = losses['ingr_loss'].mean()
    eos_loss = losses['eos_loss'].mean()
    card_penalty = losses['card_penalty'].mean()
    loss = loss_weight[0] * recipe_loss + loss_weight[1] * ingr_loss \
        + loss_weight[2] * eos_loss + loss_weight[3] * card_penalty

    model.zero_grad()
    loss.backward()
    optimizer.step()
    print(it, loss.item())
