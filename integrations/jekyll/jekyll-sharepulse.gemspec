# frozen_string_literal: true

require_relative "lib/jekyll-sharepulse/version"

Gem::Specification.new do |spec|
  spec.name = "jekyll-sharepulse"
  spec.version = Jekyll::Sharepulse::VERSION
  spec.summary = "Sharepulse share bars for Jekyll: a {% sharepulse %} tag, with a no-JavaScript fragment mode"
  spec.description = "Puts your Sharepulse share bar on Jekyll pages: the widget's <share-bar> element and script, " \
                     "or the bar as plain HTML links fetched from Sharepulse at build time, falling back to the " \
                     "script when the service does not answer. Includes _includes/sharepulse.html for sites that " \
                     "cannot run plugins (GitHub Pages)."
  spec.authors = ["Sharepulse contributors"]
  spec.license = "MIT"
  spec.files = Dir["lib/**/*.rb", "_includes/*.html", "README.md"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 2.7"
  spec.add_runtime_dependency "jekyll", ">= 3.9", "< 5.0"
end
