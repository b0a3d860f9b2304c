# source: https://github.com/dasguptar/treelstm.pytorch/pull/26
# main() builds the similarity Tree-LSTM (its embedding frozen only with
# --freeze_embed), makes the embedding matrix from GloVe vectors with random
# normal rows for the other words, and plugs it into the model's nn.Embedding
# with copy_. Run without freezing, the weight is a leaf that requires grad.
import torch
import torch.nn as nn
import torch.optim as optim


class SimilarityTreeLSTM(nn.Module):
    def __init__(self, vocab_size, in_dim, mem_dim, num_classes, sparsity, freeze):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, in_dim, padding_idx=0, sparse=sparsity)
        if freeze:
            self.emb.weight.requires_grad = False
        self.encoder = nn.Linear(in_dim, mem_dim)
        self.wp = nn.Linear(2 * mem_dim, num_classes)

    def forward(self, linputs, rinputs):
        lstate = torch.tanh(self.encoder(self.emb(linputs))).sum(0, keepdim=True)
        rstate = torch.tanh(self.encoder(self.emb(rinputs))).sum(0, keepdim=True)
        return torch.log_softmax(self.wp(torch.cat((lstate * rstate, (lstate - rstate).abs()), 1)), dim=1)


def main(vocab_size=12, input_dim=6, mem_dim=4, num_classes=5, sparse=False, freeze_embed=False):
    model = SimilarityTreeLSTM(vocab_size, input_dim, mem_dim, num_classes, sparse, freeze_embed)
    glove_emb = torch.randn(8, input_dim)
    emb = torch.zeros(vocab_size, glove_emb.size(1), dtype=torch.float)
    emb.normal_(0, 0.05)
    for idx in range(4):
        emb[idx].zero_()
    for word_idx in range(4, vocab_size):
        if word_idx < glove_emb.size(0):
            emb[word_idx] = glove_emb[word_idx]
    # plug these into embedding matrix inside model
    model.emb.weight.copy_(emb)  # error: TL010
    optimizer = optim.Adagrad(filter(lambda p: p.requires_grad, model.parameters()), lr=0.01)
    output = model(torch.tensor([4, 5, 6]), torch.tensor([5, 7]))
    loss = nn.KLDivLoss(reduction="batchmean")(output, torch.full((1, num_classes), 1.0 / num_classes))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


main()
