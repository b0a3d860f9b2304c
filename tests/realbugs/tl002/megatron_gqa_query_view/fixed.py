# source: https://github.com/NVIDIA/Megatron-LM/issues/875
# With grouped-query attention the fused QKV projection is split along the last
# dimension per group, and the query slice is then viewed as (sq, b, heads, hn).
import torch
import torch.nn as nn


class ParallelAttention(nn.Module):
    def __init__(self, hidden_size=64, num_heads=8, num_query_groups=2):
        super().__init__()
        self.num_attention_heads = num_heads
        self.num_query_groups = num_query_groups
        self.hidden_size_per_attention_head = hidden_size // num_heads
        kv_size = 2 * num_query_groups * self.hidden_size_per_attention_head
        self.query_key_value = nn.Linear(hidden_size, hidden_size + kv_size)

    def forward(self, hidden_states):
        mixed_x_layer = self.query_key_value(hidden_states)
        new_tensor_shape = mixed_x_layer.size()[:-1] + (
            self.num_query_groups,
            (self.num_attention_heads // self.num_query_groups + 2) * self.hidden_size_per_attention_head,
        )
        mixed_x_layer = mixed_x_layer.view(*new_tensor_shape)
        query_layer, key_layer, value_layer = torch.split(
            mixed_x_layer,
            [
                self.num_attention_heads // self.num_query_groups * self.hidden_size_per_attention_head,
                self.hidden_size_per_attention_head,
                self.hidden_size_per_attention_head,
            ],
            dim=3,
        )
        query_layer = query_layer.reshape(query_layer.size(0), query_layer.size(1), -1, self.hidden_size_per_attention_head)
        scores = torch.einsum("sbhd,tbgd->bhst", query_layer, key_layer)
        return scores


attn = ParallelAttention()
hidden = torch.randn(10, 2, 64)  # (sequence, batch, hidden)
scores = attn(hidden)
