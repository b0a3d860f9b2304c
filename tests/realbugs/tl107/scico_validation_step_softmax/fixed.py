# source: https://github.com/ariecattan/SciCo/issues/2
# The fix (commit fcd3cee, "fix double softmax"): the loss is computed on the
# scores, and the softmax is applied after it, for the metrics.
import torch
import torch.nn as nn


class MulticlassCrossEncoder(nn.Module):
    def __init__(self, vocab_size=30, hidden_size=16, num_classes=4):
        super().__init__()
        self.model = nn.Embedding(vocab_size, hidden_size)  # stands in for the Longformer
        self.linear = nn.Linear(hidden_size, num_classes)
        self.criterion = torch.nn.CrossEntropyLoss()

    def forward(self, input_ids, attention_mask, global_attention_mask):
        last_hidden_state = self.model(input_ids) * attention_mask.unsqueeze(-1)
        cls_vector = last_hidden_state[:, 0, :]
        scores = self.linear(cls_vector)
        return scores

    def training_step(self, batch, batch_idx):
        x, y = batch
        input_ids, attention_mask, global_attention_mask = x
        y_hat = self(input_ids, attention_mask, global_attention_mask)
        loss = self.criterion(y_hat, y)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        input_ids, attention_mask, global_attention_mask = x
        y_hat = self(input_ids, attention_mask, global_attention_mask)
        loss = self.criterion(y_hat, y)
        y_hat = torch.softmax(y_hat, dim=1)
        self.compute_metrics(y_hat, y)
        return loss

    def compute_metrics(self, y_hat, y):
        self.acc = (y_hat.argmax(1) == y).float().mean()


torch.manual_seed(0)
model = MulticlassCrossEncoder()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
input_ids = torch.randint(0, 30, (8, 12))
attention_mask = torch.ones(8, 12)
global_attention_mask = torch.zeros(8, 12)
batch = ((input_ids, attention_mask, global_attention_mask), torch.randint(0, 4, (8,)))

model.train()
loss = model.training_step(batch, 0)
optimizer.zero_grad()
loss.backward()
optimizer.step()

model.eval()
with torch.no_grad():
    val_loss = model.validation_step(batch, 0)
