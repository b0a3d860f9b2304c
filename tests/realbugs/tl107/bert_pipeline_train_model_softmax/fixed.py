# source: https://github.com/sugi-chan/custom_bert_pipeline/issues/1
# The change the question points to: no softmax before the loss; CrossEntropyLoss
# gets the logits (the argmax for the accuracy is the same).
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

device = torch.device("cpu")


class BertForSequenceClassification(nn.Module):
    def __init__(self, num_labels=2, vocab_size=50, hidden_size=16):
        super(BertForSequenceClassification, self).__init__()
        self.num_labels = num_labels
        self.bert = nn.EmbeddingBag(vocab_size, hidden_size)  # stands in for the pretrained BertModel
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(hidden_size, num_labels)
        nn.init.xavier_normal_(self.classifier.weight)

    def forward(self, input_ids, token_type_ids=None, attention_mask=None, labels=None):
        pooled_output = torch.tanh(self.bert(input_ids))
        pooled_output = self.dropout(pooled_output)
        logits = self.classifier(pooled_output)
        return logits


def train_model(model, criterion, optimizer, num_epochs=25):
    best_model_wts = copy.deepcopy(model.state_dict())
    best_loss = 100
    for epoch in range(num_epochs):
        for phase in ['train', 'val']:
            if phase == 'train':
                model.train()
            else:
                model.eval()
            running_loss = 0.0
            sentiment_corrects = 0
            for inputs, sentiment in dataloaders_dict[phase]:
                inputs = inputs.to(device)
                sentiment = sentiment.to(device)
                optimizer.zero_grad()
                with torch.set_grad_enabled(phase == 'train'):
                    outputs = model(inputs)

                    loss = criterion(outputs, torch.max(sentiment.float(), 1)[1])
                    if phase == 'train':
                        loss.backward()
                        optimizer.step()
                running_loss += loss.item() * inputs.size(0)
                sentiment_corrects += torch.sum(torch.max(outputs, 1)[1] == torch.max(sentiment, 1)[1])
            epoch_loss = running_loss / dataset_sizes[phase]
            sentiment_acc = sentiment_corrects.double() / dataset_sizes[phase]
            if phase == 'val' and epoch_loss < best_loss:
                best_loss = epoch_loss
                best_model_wts = copy.deepcopy(model.state_dict())
    model.load_state_dict(best_model_wts)
    return model


torch.manual_seed(0)
dataloaders_dict = {
    phase: [(torch.randint(0, 50, (4, 10)), F.one_hot(torch.randint(0, 2, (4,)), 2)) for _ in range(2)]
    for phase in ['train', 'val']
}
dataset_sizes = {'train': 8, 'val': 8}
model = BertForSequenceClassification()
model.to(device)
lrlast = .001
lrmain = .00001
optimizer_ft = torch.optim.Adam([
    {"params": model.bert.parameters(), "lr": lrmain},
    {"params": model.classifier.parameters(), "lr": lrlast},
])
criterion = nn.CrossEntropyLoss()
model_ft1 = train_model(model, criterion, optimizer_ft, num_epochs=2)
