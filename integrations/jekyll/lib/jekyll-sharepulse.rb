# frozen_string_literal: true

# Sharepulse share bars for Jekyll: a {% sharepulse %} Liquid tag. In script mode (the default) it writes a
# <share-bar> element, the widget's script tag and a <noscript> frame of /embed; in fragment mode it fetches the bar
# from the service at build time as plain HTML links, and falls back to the script tag on any error, so a build
# never fails or stalls for long because Sharepulse is down.
#
# _config.yml:
#   sharepulse:
#     service: https://share.example.org   # your Sharepulse
#     site: my-blog                        # your site id there
#     mode: script                         # or fragment

require "cgi"
require "net/http"
require "uri"
require "jekyll"
require_relative "jekyll-sharepulse/version"

module Jekyll
  module Sharepulse
    # Options that become the bar's data-* attributes (script mode) or /embed query parameters (fragment mode).
    BAR_OPTIONS = %w[networks theme layout size counts labels].freeze
    MODES = %w[script fragment].freeze
    # Fragment mode: the most one fetch may take to connect and to answer, in seconds.
    DEFAULT_TIMEOUT = 2

    # What one build learnt: the bars it fetched, and whether the service failed (then the rest of that build uses
    # the script tag at once: a service that is down costs the build one timeout, not one per page).
    @fragments = {}
    @unavailable = false
    @warned = {}

    class << self
      attr_accessor :unavailable
      attr_reader :fragments

      def reset
        @fragments = {}
        @unavailable = false
        @warned = {}
      end

      def warn_once(message)
        return if @warned[message]

        @warned[message] = true
        Jekyll.logger.warn "Sharepulse:", message
      end
    end

    Jekyll::Hooks.register :site, :after_reset do
      Sharepulse.reset
    end

    # {% sharepulse %}                                  the page itself
    # {% sharepulse post %}                             a page or post held by a variable (in a for loop)
    # {% sharepulse networks="reddit,email" theme=dark %} with options for this bar (quoted, or a variable)
    # {% sharepulse url="/about/" title="About" %}       another page (relative to the site's url, or absolute)
    class Tag < Liquid::Tag
      ARGUMENT = /(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w.\[\]-]+))/.freeze

      def initialize(tag_name, markup, tokens)
        super
        text = markup.strip
        @item = text[/\A[\w.\[\]-]+(?=\s|\z)/]
        @item = nil if @item && text[@item.length..].to_s.lstrip.start_with?("=")
        text = text[@item.length..] if @item
        @arguments = text.scan(ARGUMENT).map { |key, double, single, variable| [key, double || single, variable] }
      end

      def render(context)
        site = context.registers[:site]
        config = site.config["sharepulse"].is_a?(Hash) ? site.config["sharepulse"] : {}
        call = @arguments.to_h { |key, literal, variable| [key, literal || context[variable]] }
        page = @item ? context[@item] : context.registers[:page]
        return "" if page.nil? && @item

        front = page && page["sharepulse"]
        return "" if front == false

        options = config.merge(front.is_a?(Hash) ? front : {}).merge(call.compact)
        Bar.new(site, options, page).render
      end
    end

    # The service answered, but not with a bar (a page outside the site's domains, an unknown site): that bar falls
    # back, the next page still asks.
    class AnswerError < StandardError; end

    # One bar, from its resolved options.
    class Bar
      def initialize(site, options, page)
        @site = site
        @options = options
        @service = options["service"].to_s.sub(%r{/+\z}, "")
        @site_id = options["site"].to_s
        @mode = options.fetch("mode", "script").to_s
        url = options["url"] || (page && page["url"])
        @url = absolute(url)
        @title = (options["title"] || (page && page["title"])).to_s
        @limit = [options.fetch("timeout", DEFAULT_TIMEOUT).to_f, DEFAULT_TIMEOUT].min
      end

      def render
        if @service.empty? || @site_id.empty?
          Sharepulse.warn_once("set sharepulse.service and sharepulse.site in _config.yml; no share bars until then")
          return ""
        end
        unless MODES.include?(@mode)
          raise ArgumentError, "jekyll-sharepulse: mode is \"script\" or \"fragment\", not \"#{@mode}\""
        end
        return script if @mode == "script"

        unless @url
          Sharepulse.warn_once("fragment mode needs the site's url in _config.yml; these pages get the script tag")
          return script
        end
        fragment || script
      end

      private

      def absolute(url)
        return nil if url.nil? || url.to_s.empty?
        return url.to_s if url.to_s.match?(%r{\Ahttps?://}i)

        base = @site.config["url"].to_s.sub(%r{/+\z}, "")
        return nil if base.empty?

        base + @site.config["baseurl"].to_s.sub(%r{/+\z}, "") + url.to_s
      end

      def bar_options
        BAR_OPTIONS.each_with_object({}) do |key, out|
          value = @options[key]
          value = value.join(",") if value.is_a?(Array)
          out[key] = value.to_s unless value.nil? || value.to_s.empty?
        end
      end

      def embed_url
        query = { "url" => @url, "title" => @title }.merge(bar_options).reject { |_, v| v.nil? || v.empty? }
        "#{@service}/embed/#{CGI.escape(@site_id)}?#{URI.encode_www_form(query)}"
      end

      def attributes(map)
        map.reject { |_, v| v.nil? || v.to_s.empty? }
           .map { |k, v| %( data-#{k}="#{CGI.escapeHTML(v.to_s)}") }.join
      end

      def script
        # A page's own bar without the site's url: the widget reads the page's canonical link or address.
        element = %(<share-bar class="sharepulse") +
                  attributes({ "site" => @site_id, "url" => @url, "title" => @title }.merge(bar_options)) +
                  "></share-bar>"
        tag = %(<script src="#{CGI.escapeHTML(@service)}/widget.js") + attributes("site" => @site_id) + " async></script>"
        html = "#{element}\n#{tag}"
        if @url && @options["noscript"] != false
          html += %(\n<noscript><iframe src="#{CGI.escapeHTML(embed_url)}" title="Share this page" ) +
                  %(width="600" height="120" loading="lazy"></iframe></noscript>)
        end
        html
      end

      def fragment
        return nil if Sharepulse.unavailable

        source = embed_url
        Sharepulse.fragments[source] ||= fetch(source)
      rescue AnswerError => e
        Sharepulse.warn_once("#{@service} did not give the bar for #{@url} (#{e.message}); that page gets the script tag")
        nil
      rescue StandardError => e
        Sharepulse.unavailable = true
        Sharepulse.warn_once("#{@service} did not give the bar (#{reason(e)}); this build uses the script tag instead")
        nil
      end

      def fetch(source)
        uri = URI(source)
        http = Net::HTTP.new(uri.host, uri.port)
        http.use_ssl = uri.scheme == "https"
        http.open_timeout = @limit
        http.read_timeout = @limit
        http.write_timeout = @limit
        http.ssl_timeout = @limit if http.use_ssl?
        http.max_retries = 0 # a GET is idempotent, so Net::HTTP would otherwise try again and double the wait
        answer = http.start do |h|
          h.get(uri.request_uri, "Accept" => "text/html", "User-Agent" => "jekyll-sharepulse/#{VERSION}")
        end
        raise AnswerError, "HTTP #{answer.code}" unless answer.is_a?(Net::HTTPOK)

        html = answer.body.to_s.dup.force_encoding(Encoding::UTF_8).strip
        raise AnswerError, "an empty answer" if html.empty?

        %(<div class="sharepulse">#{html}</div>)
      end

      def reason(error)
        case error
        when Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout then "no answer within #{@limit.to_s.sub(/\.0\z/, "")} s"
        when SystemCallError then error.class.name.split("::").last
        else error.message
        end
      end
    end
  end
end

Liquid::Template.register_tag("sharepulse", Jekyll::Sharepulse::Tag)
