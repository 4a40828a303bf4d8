# frozen_string_literal: true

module Jekyll
  module Sharepulse
    VERSION = "1.0.0"
  end
end
