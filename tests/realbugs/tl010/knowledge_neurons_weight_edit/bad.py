# source: https://github.com/Hunter-DDM/knowledge-neurons/issues/14
# Knowledge editing: columns of an output dense layer's weight, at the
# positions of the knowledge neurons, are moved away from the original
# prediction's embedding and toward the target's.
import torch
import torch.nn as nn


class Output(nn.Module):
    def __init__(self, hidden=6, inner=8):
        super().__init__()
        self.dense = nn.Linear(inner, hidden)


def edit(output, positions, ori_pred_emb, tgt_emb, lambda_list_1, lambda_list_2):
    for i, pos in enumerate(positions):
        output.dense.weight[:, pos] -= ori_pred_emb * lambda_list_1[i]  # error: TL010
        output.dense.weight[:, pos] += tgt_emb * lambda_list_2[i]  # also: TL010


edit(Output(), [1, 3], torch.randn(6), torch.randn(6), [0.5, 0.5], [1.0, 1.0])
