# The fixture site loads the plugin from this folder's gem, as a site without Bundler would from _plugins/.
require_relative "../../../lib/jekyll-sharepulse"
