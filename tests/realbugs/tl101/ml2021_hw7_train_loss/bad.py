# source: https://github.com/pai4451/ML2021/issues/2
# A course's extractive question-answering homework fine-tunes a BERT model:
# each batch gives the model the token ids, segment ids, attention mask and
# answer start/end positions, the argmax of the start/end logits scores the
# accuracy, output.loss is added to train_loss and backpropagated, and the
# optimizer steps; every logging_step the averages are printed and reset. The
# reporter's CPU RAM grew until 64 GB ran out: train_loss += output.loss
# stores the whole graph; += output.loss.detach() (or .item()) solved it.
import torch
import torch.nn as nn

device = "cpu"


class QAOutput:
    def __init__(self, loss, start_logits, end_logits):
        self.loss = loss
        self.start_logits = start_logits
        self.end_logits = end_logits


class BertForQuestionAnswering(nn.Module):
    def __init__(self, vocab=50, hidden=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.qa_outputs = nn.Linear(hidden, 2)

    def forward(self, input_ids, token_type_ids, attention_mask, start_positions, end_positions):
        logits = self.qa_outputs(self.embed(input_ids) * attention_mask.unsqueeze(-1))
        start_logits, end_logits = logits[..., 0], logits[..., 1]
        loss = (nn.functional.cross_entropy(start_logits, start_positions)
                + nn.functional.cross_entropy(end_logits, end_positions)) / 2
        return QAOutput(loss, start_logits, end_logits)


torch.manual_seed(0)
model = BertForQuestionAnswering().to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
train_loader = [(torch.randint(0, 50, (2, 12)), torch.zeros(2, 12, dtype=torch.long), torch.ones(2, 12),
                 torch.randint(0, 12, (2,)), torch.randint(0, 12, (2,))) for _ in range(3)]
num_epoch = 1
logging_step = 100

model.train()
for epoch in range(num_epoch):
    step = 1
    train_loss = train_acc = 0
    for data in train_loader:
        data = [i.to(device) for i in data]
        output = model(input_ids=data[0], token_type_ids=data[1], attention_mask=data[2],
                       start_positions=data[3], end_positions=data[4])
        start_index = torch.argmax(output.start_logits, dim=1)
        end_index = torch.argmax(output.end_logits, dim=1)
        train_acc += ((start_index == data[3]) & (end_index == data[4])).float().mean()
        train_loss += output.loss  # error: TL101
        output.loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        step += 1
        if step % logging_step == 0:
            print(f"Epoch {epoch + 1} | Step {step} | loss = {train_loss.item() / logging_step:.3f}, "
                  f"acc = {train_acc / logging_step:.3f}")
            train_loss = train_acc = 0
