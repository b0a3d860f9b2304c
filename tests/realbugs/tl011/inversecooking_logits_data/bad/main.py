# source: https://github.com/facebookresearch/inversecooking/issues/8
# Training inversecooking's ingredient decoder alone (ingrs_only): the decoder's
# sample() returns its stacked logits as `.data`, so the ingredient, eos and
# cardinality losses the model computes from them have no graph, the recipe
# loss is 0, and loss.backward() fails. (The image encoder and the
# transformer are reduced to linear layers and an embedding.)
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
    loss.backward()  # error: TL011
    optimizer.step()
    print(it, loss.item())
