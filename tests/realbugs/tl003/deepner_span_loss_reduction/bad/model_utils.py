# source: https://github.com/z814081807/DeepNER/issues/19
import torch
import torch.nn as nn


class SpanModel(nn.Module):
    def __init__(self, vocab_size=100, hidden=32, num_tags=6, loss_type="ce"):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden)
        self.encoder = nn.LSTM(hidden, hidden, batch_first=True, bidirectional=True)
        self.start_fc = nn.Linear(2 * hidden, num_tags)
        self.end_fc = nn.Linear(2 * hidden, num_tags)
        reduction = "none"
        if loss_type == "ce":
            self.criterion = nn.CrossEntropyLoss(reduction=reduction)

    def forward(self, token_ids, attention_masks, start_ids=None, end_ids=None):
        seq_out, _ = self.encoder(self.embed(token_ids))
        start_logits = self.start_fc(seq_out)
        end_logits = self.end_fc(seq_out)
        out = (start_logits, end_logits)
        if start_ids is not None and end_ids is not None:
            start_logits = start_logits.view(-1, start_logits.size(-1))
            end_logits = end_logits.view(-1, end_logits.size(-1))
            active = attention_masks.view(-1) == 1
            start_loss = self.criterion(start_logits[active], start_ids.view(-1)[active])
            end_loss = self.criterion(end_logits[active], end_ids.view(-1)[active])
            loss = start_loss + end_loss
            out = (loss,) + out
        return out
