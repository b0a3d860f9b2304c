# source: https://github.com/bowang-lab/Transformer-GCN-QA/pull/32
# The merged fix: no log-softmax layer; the masked candidate scores (masked_logits)
# go to CrossEntropyLoss and are returned.
import torch
import torch.nn as nn

Q = 8  # size of the BERT encodings, tiny here


class BERT(nn.Module):
    # stands in for the pretrained BERT that encodes the query
    def __init__(self, vocab_size=20):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, Q)

    def predict_on_tokens(self, tokens):
        return self.embedding(tokens).mean(1)


class RGCNConv(nn.Module):
    # stands in for torch_geometric's relational graph convolution
    def __init__(self, in_channels, out_channels, num_relations):
        super().__init__()
        self.root = nn.Linear(in_channels, out_channels)
        self.rel = nn.ModuleList(nn.Linear(in_channels, out_channels, bias=False) for _ in range(num_relations))

    def forward(self, x, edge_index, edge_type):
        out = self.root(x)
        for r, lin in enumerate(self.rel):
            src, dst = edge_index[:, edge_type == r]
            out = out.index_add(0, dst, lin(x[src]))
        return out


class TransformerGCNQA(nn.Module):
    def __init__(self, dropout_rate=0.2, n_rgcn_layers=2, n_rels=3, rgcn_size=8, **kwargs):
        super().__init__()
        self.bert = BERT()
        self.n_rgcn_layers = n_rgcn_layers
        self.fc_1 = nn.Linear(2 * Q, 12)
        self.fc_2 = nn.Linear(12, rgcn_size)
        self.leaky_relu = nn.LeakyReLU()
        self.dropout = nn.Dropout(dropout_rate)
        self.rgcn_layer = RGCNConv(rgcn_size, rgcn_size, n_rels)
        self.fc_3 = nn.Linear(rgcn_size + Q, 8)
        self.fc_4 = nn.Linear(8, 4)
        self.fc_5 = nn.Linear(4, 1)

        for key, value in kwargs.items():
            setattr(self, key, value)

    def encode_query(self, query):
        return self.bert.predict_on_tokens(query)

    def encode_query_aware_mentions(self, encoded_query, encoded_mentions):
        num_mentions = encoded_mentions.shape[0]
        concat_encodings = torch.cat((encoded_query.expand(num_mentions, -1), encoded_mentions), dim=-1)
        query_aware_mention_encoding = self.dropout(self.leaky_relu(self.fc_1(concat_encodings)))
        query_aware_mention_encoding = self.dropout(self.leaky_relu(self.fc_2(query_aware_mention_encoding)))
        return query_aware_mention_encoding

    def forward(self, query, candidate_indices, encoded_mention, graph, target=None):
        encoded_query = self.encode_query(query)
        x = self.encode_query_aware_mentions(encoded_query, encoded_mention)

        edge_index = graph[[0, 1], :]
        edge_type = graph[2, :]
        rgcn_layers_sum = torch.zeros_like(x)
        for _ in range(self.n_rgcn_layers):
            x = self.rgcn_layer(x, edge_index, edge_type)
            rgcn_layers_sum += x
        x = rgcn_layers_sum

        x_query_cat = torch.cat([x, encoded_query.expand((len(x), -1))], dim=-1)
        logits = self.dropout(self.fc_3(x_query_cat))
        logits = self.dropout(self.fc_4(logits))
        logits = self.dropout(self.fc_5(logits))  # N x 1, where N = # of candidates

        # The best mention score of each available candidate
        masked_logits = torch.zeros(len(candidate_indices)).to(self.device)
        for i, idxs in enumerate(candidate_indices.values()):
            if idxs:
                masked_logits[i] = torch.max(logits[idxs])

        # If target is provided return loss as well as logits
        if target is not None:
            loss_fct = nn.CrossEntropyLoss()
            class_index = torch.argmax(target, 1)
            loss = loss_fct(masked_logits.view(-1, len(candidate_indices)), class_index)
            return masked_logits, loss
        else:
            return masked_logits


torch.manual_seed(0)
model = TransformerGCNQA(device="cpu")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
query = torch.randint(0, 20, (1, 5))
encoded_mentions = torch.randn(6, Q)
candidate_indices = {"cand_a": [0, 1], "cand_b": [2], "cand_c": [3, 4, 5]}
graph = torch.tensor([[0, 1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 1, 2, 0, 1]])
target = torch.tensor([[0.0, 1.0, 0.0]])
for epoch in range(2):
    optimizer.zero_grad()
    _, loss = model(query, candidate_indices, encoded_mentions, graph, target)
    loss.backward()
    optimizer.step()
