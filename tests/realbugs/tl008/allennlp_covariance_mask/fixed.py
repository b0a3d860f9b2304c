# source: https://github.com/allenai/allennlp/pull/1691
# Fixed (the PR): the metric masks out of place (predictions = predictions *
# mask), so the predictions the loss saved are left as they were.
import torch
import torch.nn as nn


class Metric:
    @staticmethod
    def unwrap_to_tensors(*tensors):
        return (x.detach().cpu() if isinstance(x, torch.Tensor) else x for x in tensors)


class Covariance(Metric):
    def __init__(self):
        self._total_prediction_mean = 0.0
        self._total_label_mean = 0.0
        self._total_count = 0.0

    def __call__(self, predictions, gold_labels, mask=None):
        predictions, gold_labels, mask = self.unwrap_to_tensors(predictions, gold_labels, mask)
        predictions = predictions.view(-1)
        gold_labels = gold_labels.view(-1)
        if mask is not None:
            mask = mask.view(-1)
            predictions = predictions * mask
            gold_labels = gold_labels * mask
            num_batch_items = torch.sum(mask).item()
        else:
            num_batch_items = gold_labels.numel()
        updated_count = self._total_count + num_batch_items
        batch_mean_prediction = torch.sum(predictions) / num_batch_items
        self._total_prediction_mean += ((batch_mean_prediction - self._total_prediction_mean)
                                        * num_batch_items / updated_count).item()
        batch_mean_label = torch.sum(gold_labels) / num_batch_items
        self._total_label_mean += ((batch_mean_label - self._total_label_mean)
                                   * num_batch_items / updated_count).item()
        self._total_count = updated_count


class SelectiveRegressor(nn.Module):
    def __init__(self, representation_dim=8):
        super().__init__()
        self._decoder = nn.Linear(representation_dim, 1)
        self.loss = nn.SmoothL1Loss(reduction="none")
        self.metrics = {"covariance": Covariance()}

    def forward(self, token_representations, labels, label_mask):
        predictions = self._decoder(token_representations).squeeze(-1)
        output_dict = {"predictions": predictions}
        per_prediction_loss = self.loss(predictions, labels)
        masked_per_prediction_loss = per_prediction_loss * label_mask.float()
        num_predictions = label_mask.float().sum()
        for name, metric in self.metrics.items():
            metric(predictions, labels, label_mask.float())
        output_dict["loss"] = masked_per_prediction_loss.sum() / num_predictions
        return output_dict


model = SelectiveRegressor()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for batch in range(2):
    token_representations = torch.randn(2, 3, 8)
    labels = torch.randn(2, 3)
    label_mask = torch.tensor([[1, 1, 0], [1, 0, 0]])
    optimizer.zero_grad()
    loss = model(token_representations, labels, label_mask)["loss"]
    loss.backward()
    optimizer.step()
