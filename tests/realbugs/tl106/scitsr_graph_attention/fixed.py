# source: https://github.com/Academic-Hammer/SciTSR/pull/16
# The merged fix: a torch.nn.Dropout(self.d_rate) module made in __init__
# replaces both functional calls, so model.eval() turns it off.
import math

import torch


class Attention(torch.nn.Module):
    """Attention unit"""

    def __init__(self, size):
        super(Attention, self).__init__()
        self.size = size
        self.linear_q = torch.nn.Linear(size, size, bias=False)
        self.linear_k = torch.nn.Linear(size, size, bias=False)
        self.linear_v = torch.nn.Linear(size, size, bias=False)
        self.layer_norm_1 = torch.nn.LayerNorm(size)
        self.feed_forward = torch.nn.Sequential(
            torch.nn.Linear(size, size, bias=False),
            torch.nn.ReLU(),
            torch.nn.Linear(size, size, bias=False),
        )
        self.layer_norm_2 = torch.nn.LayerNorm(size)
        self.d_rate = 0.4
        self.dropout = torch.nn.Dropout(self.d_rate)

    def masked_softmax(self, x, mask, dim):
        ex = torch.exp(x)
        masked_exp = ex * mask.float()
        masked_exp_sum = masked_exp.sum(dim=dim, keepdim=True)
        return masked_exp / (masked_exp_sum + 1e-6)

    def forward(self, x, y, mask):
        q = self.linear_q(x)
        k = self.linear_k(y)
        v = self.linear_v(y)
        score = torch.mm(q, k.t()) / math.sqrt(self.size)
        score = self.masked_softmax(score, mask, dim=1)
        x_atten = torch.mm(score, v)
        # dropout
        x_atten = self.dropout(x_atten)
        x = self.layer_norm_1(x + x_atten)
        x_linear = self.feed_forward(x)
        # dropout
        x_linear = self.dropout(x_linear)
        x = self.layer_norm_2(x + x_linear)
        return x


class AttentionBlock(torch.nn.Module):
    """Attention Block"""

    def __init__(self, size):
        super(AttentionBlock, self).__init__()
        self.atten_e2v = Attention(size)
        self.atten_v2e = Attention(size)

    def forward(self, nodes, edges, adjacency, incidence):
        new_nodes = self.atten_e2v(nodes, edges, incidence)
        new_edges = self.atten_v2e(edges, nodes, incidence.t())
        return new_nodes, new_edges


class GraphAttention(torch.nn.Module):
    """Graph Attention Model"""

    def __init__(self, n_node_features, n_edge_features, hidden_size, output_size, n_blocks):
        super(GraphAttention, self).__init__()
        self.node_transform = torch.nn.Sequential(
            torch.nn.Linear(n_node_features, hidden_size),
            torch.nn.ReLU(),
            torch.nn.Linear(hidden_size, hidden_size),
        )
        self.edge_transform = torch.nn.Sequential(
            torch.nn.Linear(n_edge_features, hidden_size),
            torch.nn.ReLU(),
            torch.nn.Linear(hidden_size, hidden_size),
        )
        self.attention_blocks = torch.nn.ModuleList()
        for _ in range(n_blocks):
            self.attention_blocks.append(AttentionBlock(hidden_size))
        self.output_linear = torch.nn.Linear(hidden_size, output_size)

    def forward(self, nodes, edges, adjacency, incidence):
        nodes = self.node_transform(nodes)
        edges = self.edge_transform(edges)
        for attention_block in self.attention_blocks:
            nodes, edges = attention_block(nodes, edges, adjacency, incidence)
        outputs = self.output_linear(edges)
        return torch.nn.functional.softmax(outputs, dim=1)


def test_epoch(model, dataset):
    model.eval()
    acc_list = []
    for nodes, edges, adj, incidence, labels in dataset:
        outputs = model(nodes, edges, adj, incidence)
        acc = (outputs.max(dim=1)[1] == labels).float().mean().item()
        acc_list.append(acc)
    return sum(acc_list) / len(acc_list)


torch.manual_seed(0)
n_nodes, n_edges = 6, 10
incidence = (torch.rand(n_nodes, n_edges) > 0.5).long()
dataset = [(torch.randn(n_nodes, 8), torch.randn(n_edges, 18), torch.eye(n_nodes), incidence,
            torch.randint(3, (n_edges,)))]
model = GraphAttention(8, 18, hidden_size=16, output_size=3, n_blocks=2)
with torch.no_grad():
    print(test_epoch(model, dataset), test_epoch(model, dataset))
