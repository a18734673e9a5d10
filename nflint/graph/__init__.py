"""`nflint graph`: a document's flow as a diagram. `draw.of_file` lints a
file and builds its `model.Graph` (`build`); `mermaid`, `dot` and
`json_graph` write it."""
