provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAS4BDFTAQ4D5Y4XNL"
  secret_key = "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"
}
