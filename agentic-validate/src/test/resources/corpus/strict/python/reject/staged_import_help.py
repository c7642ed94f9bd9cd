# family: staged import — help() imports the module a string names
# expected finding: denied-call
help("antigravity")
